using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TeamShare.Policy.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RecipientCodeSwitch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "RequireRecipientCode",
                table: "policy_team_policies",
                type: "boolean",
                nullable: false,
                // Existing teams get the new safeguard too (issue 11: on by default).
                defaultValue: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "RequireRecipientCode",
                table: "policy_team_policies");
        }
    }
}
