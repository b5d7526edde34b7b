using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TeamShare.Identity.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class DirectorySync : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "DirectoryManaged",
                table: "identity_users",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "SuspendedByDirectory",
                table: "identity_users",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "identity_directories",
                columns: table => new
                {
                    TeamId = table.Column<Guid>(type: "uuid", nullable: false),
                    Url = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    BindDn = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    ProtectedBindPassword = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    BaseDn = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    UserFilter = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    GroupFilter = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    EmailAttribute = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    NameAttribute = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    MemberAttribute = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    LastSyncAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastSyncResult = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_identity_directories", x => x.TeamId);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "identity_directories");

            migrationBuilder.DropColumn(
                name: "DirectoryManaged",
                table: "identity_users");

            migrationBuilder.DropColumn(
                name: "SuspendedByDirectory",
                table: "identity_users");
        }
    }
}
