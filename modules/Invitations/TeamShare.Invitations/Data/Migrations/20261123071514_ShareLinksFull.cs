using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TeamShare.Invitations.Data.Migrations
{
    /// <inheritdoc />
    public partial class ShareLinksFull : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_invitations_outbox_SentAt_NextAttemptAt",
                table: "invitations_outbox");

            migrationBuilder.AddColumn<DateTime>(
                name: "FailedAt",
                table: "invitations_outbox",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "LeaseOwner",
                table: "invitations_outbox",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "SenderId",
                table: "invitations_outbox",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_invitations_outbox_LeaseOwner",
                table: "invitations_outbox",
                column: "LeaseOwner");

            migrationBuilder.CreateIndex(
                name: "IX_invitations_outbox_SenderId",
                table: "invitations_outbox",
                column: "SenderId");

            migrationBuilder.CreateIndex(
                name: "IX_invitations_outbox_SentAt_FailedAt_NextAttemptAt",
                table: "invitations_outbox",
                columns: new[] { "SentAt", "FailedAt", "NextAttemptAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_invitations_outbox_LeaseOwner",
                table: "invitations_outbox");

            migrationBuilder.DropIndex(
                name: "IX_invitations_outbox_SenderId",
                table: "invitations_outbox");

            migrationBuilder.DropIndex(
                name: "IX_invitations_outbox_SentAt_FailedAt_NextAttemptAt",
                table: "invitations_outbox");

            migrationBuilder.DropColumn(
                name: "FailedAt",
                table: "invitations_outbox");

            migrationBuilder.DropColumn(
                name: "LeaseOwner",
                table: "invitations_outbox");

            migrationBuilder.DropColumn(
                name: "SenderId",
                table: "invitations_outbox");

            migrationBuilder.CreateIndex(
                name: "IX_invitations_outbox_SentAt_NextAttemptAt",
                table: "invitations_outbox",
                columns: new[] { "SentAt", "NextAttemptAt" });
        }
    }
}
