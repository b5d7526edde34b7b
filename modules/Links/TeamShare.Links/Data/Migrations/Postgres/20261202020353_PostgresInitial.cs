using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace TeamShare.Links.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PostgresInitial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "links_password_failures",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ShareId = table.Column<Guid>(type: "uuid", nullable: false),
                    ClientAddress = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_links_password_failures", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "links_pending_notifications",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Type = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Payload = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_links_pending_notifications", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "links_qr_codes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ShareId = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ExpiryProcessedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_links_qr_codes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "links_shares",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TeamId = table.Column<Guid>(type: "uuid", nullable: false),
                    OwnerUserId = table.Column<Guid>(type: "uuid", nullable: false),
                    SpaceId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    TokenHash = table.Column<byte[]>(type: "bytea", nullable: false),
                    AllowPreview = table.Column<bool>(type: "boolean", nullable: false),
                    PreviewLimit = table.Column<int>(type: "integer", nullable: true),
                    AllowDownload = table.Column<bool>(type: "boolean", nullable: false),
                    TeamOnly = table.Column<bool>(type: "boolean", nullable: false),
                    InvitedOnly = table.Column<bool>(type: "boolean", nullable: false),
                    AllowEdit = table.Column<bool>(type: "boolean", nullable: false),
                    AllowUpload = table.Column<bool>(type: "boolean", nullable: false),
                    PasswordHash = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    PasswordVersion = table.Column<int>(type: "integer", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Remarks = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CanceledAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ExpiryProcessedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    PreviewCount = table.Column<int>(type: "integer", nullable: false),
                    DownloadCount = table.Column<int>(type: "integer", nullable: false),
                    UploadCount = table.Column<int>(type: "integer", nullable: false),
                    ExpiryNoticeQueuedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_links_shares", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "links_team_settings",
                columns: table => new
                {
                    TeamId = table.Column<Guid>(type: "uuid", nullable: false),
                    CustomDomain = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    DailyCap = table.Column<int>(type: "integer", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_links_team_settings", x => x.TeamId);
                });

            migrationBuilder.CreateTable(
                name: "links_share_items",
                columns: table => new
                {
                    ShareId = table.Column<Guid>(type: "uuid", nullable: false),
                    ItemId = table.Column<Guid>(type: "uuid", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_links_share_items", x => new { x.ShareId, x.ItemId });
                    table.ForeignKey(
                        name: "FK_links_share_items_links_shares_ShareId",
                        column: x => x.ShareId,
                        principalTable: "links_shares",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
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
                name: "IX_links_pending_notifications_CreatedAt",
                table: "links_pending_notifications",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_links_qr_codes_ExpiresAt_ExpiryProcessedAt",
                table: "links_qr_codes",
                columns: new[] { "ExpiresAt", "ExpiryProcessedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_links_qr_codes_ShareId",
                table: "links_qr_codes",
                column: "ShareId");

            migrationBuilder.CreateIndex(
                name: "IX_links_share_items_ItemId",
                table: "links_share_items",
                column: "ItemId");

            migrationBuilder.CreateIndex(
                name: "IX_links_shares_ExpiresAt_ExpiryProcessedAt",
                table: "links_shares",
                columns: new[] { "ExpiresAt", "ExpiryProcessedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_links_shares_OwnerUserId_CreatedAt",
                table: "links_shares",
                columns: new[] { "OwnerUserId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_links_shares_TeamId_CreatedAt",
                table: "links_shares",
                columns: new[] { "TeamId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_links_shares_TokenHash",
                table: "links_shares",
                column: "TokenHash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "links_password_failures");

            migrationBuilder.DropTable(
                name: "links_pending_notifications");

            migrationBuilder.DropTable(
                name: "links_qr_codes");

            migrationBuilder.DropTable(
                name: "links_share_items");

            migrationBuilder.DropTable(
                name: "links_team_settings");

            migrationBuilder.DropTable(
                name: "links_shares");
        }
    }
}
