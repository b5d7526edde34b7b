using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TeamShare.Links.Data.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "links_shares",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TeamId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OwnerUserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SpaceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    TokenHash = table.Column<byte[]>(type: "BLOB", nullable: false),
                    AllowPreview = table.Column<bool>(type: "INTEGER", nullable: false),
                    PreviewLimit = table.Column<int>(type: "INTEGER", nullable: true),
                    AllowDownload = table.Column<bool>(type: "INTEGER", nullable: false),
                    TeamOnly = table.Column<bool>(type: "INTEGER", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Remarks = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CanceledAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ExpiryProcessedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    PreviewCount = table.Column<int>(type: "INTEGER", nullable: false),
                    DownloadCount = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_links_shares", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "links_share_items",
                columns: table => new
                {
                    ShareId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ItemId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false)
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
                name: "links_share_items");

            migrationBuilder.DropTable(
                name: "links_shares");
        }
    }
}
