using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TeamShare.Links.Data.Migrations
{
    /// <inheritdoc />
    public partial class ShareLinksFull : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "AllowEdit",
                table: "links_shares",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "AllowUpload",
                table: "links_shares",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTime>(
                name: "ExpiryNoticeQueuedAt",
                table: "links_shares",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PasswordHash",
                table: "links_shares",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "PasswordVersion",
                table: "links_shares",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "UploadCount",
                table: "links_shares",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "links_password_failures",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ShareId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ClientAddress = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_links_password_failures", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "links_qr_codes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ShareId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ExpiryProcessedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_links_qr_codes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "links_team_settings",
                columns: table => new
                {
                    TeamId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CustomDomain = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    DailyCap = table.Column<int>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_links_team_settings", x => x.TeamId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_links_password_failures_ShareId_At",
                table: "links_password_failures",
                columns: new[] { "ShareId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_links_password_failures_ShareId_ClientAddress_At",
                table: "links_password_failures",
                columns: new[] { "ShareId", "ClientAddress", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_links_qr_codes_ExpiresAt_ExpiryProcessedAt",
                table: "links_qr_codes",
                columns: new[] { "ExpiresAt", "ExpiryProcessedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_links_qr_codes_ShareId",
                table: "links_qr_codes",
                column: "ShareId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "links_password_failures");

            migrationBuilder.DropTable(
                name: "links_qr_codes");

            migrationBuilder.DropTable(
                name: "links_team_settings");

            migrationBuilder.DropColumn(
                name: "AllowEdit",
                table: "links_shares");

            migrationBuilder.DropColumn(
                name: "AllowUpload",
                table: "links_shares");

            migrationBuilder.DropColumn(
                name: "ExpiryNoticeQueuedAt",
                table: "links_shares");

            migrationBuilder.DropColumn(
                name: "PasswordHash",
                table: "links_shares");

            migrationBuilder.DropColumn(
                name: "PasswordVersion",
                table: "links_shares");

            migrationBuilder.DropColumn(
                name: "UploadCount",
                table: "links_shares");
        }
    }
}
