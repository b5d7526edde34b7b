using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TeamShare.Spaces.Data.Migrations
{
    /// <inheritdoc />
    public partial class MySharesEveryShare : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_spaces_grants_CreatedBy_Id",
                table: "spaces_grants",
                columns: new[] { "CreatedBy", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_spaces_grants_CreatedBy_Id",
                table: "spaces_grants");
        }
    }
}
