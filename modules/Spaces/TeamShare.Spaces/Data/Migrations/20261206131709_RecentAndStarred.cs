using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TeamShare.Spaces.Data.Migrations
{
    /// <inheritdoc />
    public partial class RecentAndStarred : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "spaces_stars",
                columns: table => new
                {
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ItemId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_spaces_stars", x => new { x.UserId, x.ItemId });
                });

            migrationBuilder.CreateIndex(
                name: "IX_spaces_items_TeamId_ModifiedAt",
                table: "spaces_items",
                columns: new[] { "TeamId", "ModifiedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_spaces_stars_ItemId",
                table: "spaces_stars",
                column: "ItemId");

            migrationBuilder.CreateIndex(
                name: "IX_spaces_stars_UserId_CreatedAt",
                table: "spaces_stars",
                columns: new[] { "UserId", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "spaces_stars");

            migrationBuilder.DropIndex(
                name: "IX_spaces_items_TeamId_ModifiedAt",
                table: "spaces_items");
        }
    }
}
