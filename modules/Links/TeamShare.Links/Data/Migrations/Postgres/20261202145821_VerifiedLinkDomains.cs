using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TeamShare.Links.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class VerifiedLinkDomains : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "DomainToken",
                table: "links_team_settings",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "DomainVerifiedAt",
                table: "links_team_settings",
                type: "timestamp with time zone",
                nullable: true);

            // Domains set before verification existed were never proven: they wait for their TXT record like a new one.
            migrationBuilder.Sql("UPDATE \"links_team_settings\" SET \"DomainToken\" = replace(gen_random_uuid()::text, '-', '') WHERE \"CustomDomain\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_links_team_settings_CustomDomain",
                table: "links_team_settings",
                column: "CustomDomain",
                unique: true,
                filter: "\"DomainVerifiedAt\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_links_team_settings_CustomDomain",
                table: "links_team_settings");

            migrationBuilder.DropColumn(
                name: "DomainToken",
                table: "links_team_settings");

            migrationBuilder.DropColumn(
                name: "DomainVerifiedAt",
                table: "links_team_settings");
        }
    }
}
