using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TeamShare.Spaces.Data.Migrations
{
    /// <inheritdoc />
    public partial class NaturalSortKey : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "SortKey",
                table: "spaces_items",
                type: "TEXT",
                maxLength: 600,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateIndex(
                name: "IX_spaces_items_ParentId_SortKey",
                table: "spaces_items",
                columns: new[] { "ParentId", "SortKey" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_spaces_items_ParentId_SortKey",
                table: "spaces_items");

            migrationBuilder.DropColumn(
                name: "SortKey",
                table: "spaces_items");
        }
    }
}
