using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TeamShare.Policy.Data.Migrations
{
    /// <inheritdoc />
    public partial class PolicySettingsAndActivity : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "AllowExternalEditableFolders",
                table: "policy_team_policies",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "DefaultLinkAudience",
                table: "policy_team_policies",
                type: "TEXT",
                maxLength: 32,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "DefaultLinkPermission",
                table: "policy_team_policies",
                type: "TEXT",
                maxLength: 32,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "EmailMode",
                table: "policy_team_policies",
                type: "TEXT",
                maxLength: 32,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<bool>(
                name: "LinkRestrictionsTeamWide",
                table: "policy_team_policies",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "MaxExternalLinkExpiryDays",
                table: "policy_team_policies",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "MembersMayChangeExpiry",
                table: "policy_team_policies",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "MembersMayOverrideLinkDefaults",
                table: "policy_team_policies",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "RequirePasswordForExternalLinks",
                table: "policy_team_policies",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "policy_activity",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TeamId = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ActorId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    SubjectId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Target = table.Column<string>(type: "TEXT", maxLength: 320, nullable: true),
                    TargetDomain = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    Details = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_policy_activity", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "policy_approved_entries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TeamId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Value = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    AddedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    AddedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_policy_approved_entries", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_policy_activity_TeamId_At",
                table: "policy_activity",
                columns: new[] { "TeamId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_policy_activity_TeamId_TargetDomain",
                table: "policy_activity",
                columns: new[] { "TeamId", "TargetDomain" });

            migrationBuilder.CreateIndex(
                name: "IX_policy_approved_entries_TeamId_Value",
                table: "policy_approved_entries",
                columns: new[] { "TeamId", "Value" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "policy_activity");

            migrationBuilder.DropTable(
                name: "policy_approved_entries");

            migrationBuilder.DropColumn(
                name: "AllowExternalEditableFolders",
                table: "policy_team_policies");

            migrationBuilder.DropColumn(
                name: "DefaultLinkAudience",
                table: "policy_team_policies");

            migrationBuilder.DropColumn(
                name: "DefaultLinkPermission",
                table: "policy_team_policies");

            migrationBuilder.DropColumn(
                name: "EmailMode",
                table: "policy_team_policies");

            migrationBuilder.DropColumn(
                name: "LinkRestrictionsTeamWide",
                table: "policy_team_policies");

            migrationBuilder.DropColumn(
                name: "MaxExternalLinkExpiryDays",
                table: "policy_team_policies");

            migrationBuilder.DropColumn(
                name: "MembersMayChangeExpiry",
                table: "policy_team_policies");

            migrationBuilder.DropColumn(
                name: "MembersMayOverrideLinkDefaults",
                table: "policy_team_policies");

            migrationBuilder.DropColumn(
                name: "RequirePasswordForExternalLinks",
                table: "policy_team_policies");
        }
    }
}
