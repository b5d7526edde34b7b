using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TeamShare.Identity.Data.Migrations
{
    /// <inheritdoc />
    public partial class ScopedCredentials : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Kind",
                table: "identity_access_tokens",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "token");

            migrationBuilder.AddColumn<string>(
                name: "Scopes",
                table: "identity_access_tokens",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            // App passwords made before issue 29 were tokens named for their device on /account/webdav: they become app
            // passwords, good for the drive only, as every new one is.
            migrationBuilder.Sql("UPDATE identity_access_tokens SET \"Kind\" = 'app_password' WHERE \"Name\" LIKE 'WebDAV: %'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Kind",
                table: "identity_access_tokens");

            migrationBuilder.DropColumn(
                name: "Scopes",
                table: "identity_access_tokens");
        }
    }
}
