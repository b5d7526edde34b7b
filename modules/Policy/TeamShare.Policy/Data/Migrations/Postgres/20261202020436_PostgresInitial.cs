using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace TeamShare.Policy.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PostgresInitial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "policy_activity",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TeamId = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ActorId = table.Column<Guid>(type: "uuid", nullable: true),
                    Kind = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    SubjectId = table.Column<Guid>(type: "uuid", nullable: true),
                    Target = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: true),
                    TargetDomain = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    Details = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    EventId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_policy_activity", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "policy_approved_entries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TeamId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Value = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    AddedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    AddedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_policy_approved_entries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "policy_channel_switches",
                columns: table => new
                {
                    TeamId = table.Column<Guid>(type: "uuid", nullable: false),
                    Channel = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Enabled = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_policy_channel_switches", x => new { x.TeamId, x.Channel });
                });

            migrationBuilder.CreateTable(
                name: "policy_team_policies",
                columns: table => new
                {
                    TeamId = table.Column<Guid>(type: "uuid", nullable: false),
                    ExternalSharingEnabled = table.Column<bool>(type: "boolean", nullable: false),
                    EmailMode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    LinksOutsideTeamEnabled = table.Column<bool>(type: "boolean", nullable: false),
                    DefaultLinkAudience = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    DefaultLinkPermission = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    MembersMayOverrideLinkDefaults = table.Column<bool>(type: "boolean", nullable: false),
                    MaxExternalLinkExpiryDays = table.Column<int>(type: "integer", nullable: true),
                    MembersMayChangeExpiry = table.Column<bool>(type: "boolean", nullable: false),
                    RequirePasswordForExternalLinks = table.Column<bool>(type: "boolean", nullable: false),
                    LinkRestrictionsTeamWide = table.Column<bool>(type: "boolean", nullable: false),
                    AllowExternalEditableFolders = table.Column<bool>(type: "boolean", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedBy = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_policy_team_policies", x => x.TeamId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_policy_activity_EventId",
                table: "policy_activity",
                column: "EventId",
                unique: true);

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

            migrationBuilder.DropTable(
                name: "policy_channel_switches");

            migrationBuilder.DropTable(
                name: "policy_team_policies");
        }
    }
}
