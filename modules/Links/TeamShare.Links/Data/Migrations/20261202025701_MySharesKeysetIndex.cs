using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TeamShare.Links.Data.Migrations
{
    /// <inheritdoc />
    public partial class MySharesKeysetIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_links_shares_OwnerUserId_Id",
                table: "links_shares",
                columns: new[] { "OwnerUserId", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_links_shares_OwnerUserId_Id",
                table: "links_shares");
        }
    }
}
