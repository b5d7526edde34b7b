using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TeamShare.Invitations.Data.Migrations
{
    /// <inheritdoc />
    public partial class MySharesEveryShare : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_invitations_invitations_SenderId_Id",
                table: "invitations_invitations",
                columns: new[] { "SenderId", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_invitations_invitations_SenderId_Id",
                table: "invitations_invitations");
        }
    }
}
