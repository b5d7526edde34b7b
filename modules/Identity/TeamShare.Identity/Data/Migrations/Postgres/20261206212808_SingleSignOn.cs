using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TeamShare.Identity.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SingleSignOn : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "DirectoryGroup",
                table: "identity_departments",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "identity_email_domains",
                columns: table => new
                {
                    TeamId = table.Column<Guid>(type: "uuid", nullable: false),
                    Domain = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Token = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    VerifiedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_identity_email_domains", x => new { x.TeamId, x.Domain });
                });

            migrationBuilder.CreateTable(
                name: "identity_single_sign_on",
                columns: table => new
                {
                    TeamId = table.Column<Guid>(type: "uuid", nullable: false),
                    Issuer = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    ClientId = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    ProtectedClientSecret = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    GroupsClaim = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    CreateAccounts = table.Column<bool>(type: "boolean", nullable: false),
                    Required = table.Column<bool>(type: "boolean", nullable: false),
                    Version = table.Column<Guid>(type: "uuid", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_identity_single_sign_on", x => x.TeamId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_identity_departments_TeamId_DirectoryGroup",
                table: "identity_departments",
                columns: new[] { "TeamId", "DirectoryGroup" },
                unique: true,
                filter: "\"DirectoryGroup\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_identity_email_domains_Domain",
                table: "identity_email_domains",
                column: "Domain",
                unique: true,
                filter: "\"VerifiedAt\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "identity_email_domains");

            migrationBuilder.DropTable(
                name: "identity_single_sign_on");

            migrationBuilder.DropIndex(
                name: "IX_identity_departments_TeamId_DirectoryGroup",
                table: "identity_departments");

            migrationBuilder.DropColumn(
                name: "DirectoryGroup",
                table: "identity_departments");
        }
    }
}
