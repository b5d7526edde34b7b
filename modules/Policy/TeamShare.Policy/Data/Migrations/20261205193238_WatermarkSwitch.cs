using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TeamShare.Policy.Data.Migrations
{
    /// <inheritdoc />
    public partial class WatermarkSwitch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "WatermarkOutsidePages",
                table: "policy_team_policies",
                type: "INTEGER",
                nullable: false,
                // Existing teams get the safeguard too (issue 25: on by default).
                defaultValue: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "WatermarkOutsidePages",
                table: "policy_team_policies");
        }
    }
}
