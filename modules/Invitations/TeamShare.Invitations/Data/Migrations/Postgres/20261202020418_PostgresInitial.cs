using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TeamShare.Invitations.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PostgresInitial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "invitations_invitations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TeamId = table.Column<Guid>(type: "uuid", nullable: false),
                    ItemId = table.Column<Guid>(type: "uuid", nullable: false),
                    SenderId = table.Column<Guid>(type: "uuid", nullable: false),
                    RecipientKind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    RecipientId = table.Column<Guid>(type: "uuid", nullable: true),
                    RecipientEmail = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: true),
                    Role = table.Column<int>(type: "integer", nullable: false),
                    GrantId = table.Column<Guid>(type: "uuid", nullable: false),
                    Message = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    AppliedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ExternalExpiresAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RevokedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    ReminderQueuedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_invitations_invitations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "invitations_outbox",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TeamId = table.Column<Guid>(type: "uuid", nullable: false),
                    MessageId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    To = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    Template = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ModelJson = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LeaseUntil = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LeaseOwner = table.Column<Guid>(type: "uuid", nullable: true),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    NextAttemptAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    SentAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    FailedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastError = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    SenderId = table.Column<Guid>(type: "uuid", nullable: true),
                    InvitationId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_invitations_outbox", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "invitations_pending_notifications",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Type = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Payload = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_invitations_pending_notifications", x => x.Id);
                });

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

            migrationBuilder.CreateIndex(
                name: "IX_invitations_outbox_InvitationId",
                table: "invitations_outbox",
                column: "InvitationId");

            migrationBuilder.CreateIndex(
                name: "IX_invitations_outbox_LeaseOwner",
                table: "invitations_outbox",
                column: "LeaseOwner");

            migrationBuilder.CreateIndex(
                name: "IX_invitations_outbox_MessageId",
                table: "invitations_outbox",
                column: "MessageId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_invitations_outbox_SenderId",
                table: "invitations_outbox",
                column: "SenderId");

            migrationBuilder.CreateIndex(
                name: "IX_invitations_outbox_SentAt_FailedAt_NextAttemptAt",
                table: "invitations_outbox",
                columns: new[] { "SentAt", "FailedAt", "NextAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_invitations_pending_notifications_CreatedAt",
                table: "invitations_pending_notifications",
                column: "CreatedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "invitations_invitations");

            migrationBuilder.DropTable(
                name: "invitations_outbox");

            migrationBuilder.DropTable(
                name: "invitations_pending_notifications");
        }
    }
}
