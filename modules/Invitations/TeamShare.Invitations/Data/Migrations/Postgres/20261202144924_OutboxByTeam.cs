using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TeamShare.Invitations.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class OutboxByTeam : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_invitations_outbox_TeamId_CreatedAt",
                table: "invitations_outbox",
                columns: new[] { "TeamId", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_invitations_outbox_TeamId_CreatedAt",
                table: "invitations_outbox");
        }
    }
}
