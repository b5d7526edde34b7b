using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TeamShare.Identity.Data.Migrations
{
    /// <inheritdoc />
    public partial class MemberLocale : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Locale",
                table: "identity_users",
                type: "TEXT",
                maxLength: 10,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Locale",
                table: "identity_users");
        }
    }
}
