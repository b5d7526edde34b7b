using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TeamShare.Invitations.Data.Migrations
{
    /// <inheritdoc />
    public partial class Invitations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "InvitationId",
                table: "invitations_outbox",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "invitations_invitations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TeamId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ItemId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SenderId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RecipientKind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    RecipientId = table.Column<Guid>(type: "TEXT", nullable: true),
                    RecipientEmail = table.Column<string>(type: "TEXT", maxLength: 320, nullable: true),
                    Role = table.Column<int>(type: "INTEGER", nullable: false),
                    GrantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Message = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    AppliedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ExternalExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RevokedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    ReminderQueuedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_invitations_invitations", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_invitations_outbox_InvitationId",
                table: "invitations_outbox",
                column: "InvitationId");

            migrationBuilder.CreateIndex(
                name: "IX_invitations_invitations_AppliedAt",
                table: "invitations_invitations",
                column: "AppliedAt");

            migrationBuilder.CreateIndex(
                name: "IX_invitations_invitations_ExternalExpiresAt_ReminderQueuedAt",
                table: "invitations_invitations",
                columns: new[] { "ExternalExpiresAt", "ReminderQueuedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_invitations_invitations_TeamId_ItemId",
                table: "invitations_invitations",
                columns: new[] { "TeamId", "ItemId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "invitations_invitations");

            migrationBuilder.DropIndex(
                name: "IX_invitations_outbox_InvitationId",
                table: "invitations_outbox");

            migrationBuilder.DropColumn(
                name: "InvitationId",
                table: "invitations_outbox");
        }
    }
}
