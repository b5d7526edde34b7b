using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TeamShare.Identity.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SignInFailuresByAddress : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_identity_signin_failures_ClientAddress_At",
                table: "identity_signin_failures",
                columns: new[] { "ClientAddress", "At" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_identity_signin_failures_ClientAddress_At",
                table: "identity_signin_failures");
        }
    }
}
