using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TeamShare.Identity.Data.Migrations
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
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "identity_email_domains",
                columns: table => new
                {
                    TeamId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Domain = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Token = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    VerifiedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_identity_email_domains", x => new { x.TeamId, x.Domain });
                });

            migrationBuilder.CreateTable(
                name: "identity_single_sign_on",
                columns: table => new
                {
                    TeamId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Issuer = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    ClientId = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    ProtectedClientSecret = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    GroupsClaim = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    CreateAccounts = table.Column<bool>(type: "INTEGER", nullable: false),
                    Required = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
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
