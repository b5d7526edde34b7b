using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TeamShare.Spaces.Data.Migrations
{
    /// <inheritdoc />
    public partial class TeamsAndFiles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "spaces_versions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TeamId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ItemId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    ContentSha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Size = table.Column<long>(type: "INTEGER", nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    CreatedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_spaces_versions", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_spaces_versions_ContentSha256",
                table: "spaces_versions",
                column: "ContentSha256");

            migrationBuilder.CreateIndex(
                name: "IX_spaces_versions_ItemId_Number",
                table: "spaces_versions",
                columns: new[] { "ItemId", "Number" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "spaces_versions");
        }
    }
}
