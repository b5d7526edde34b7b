using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TeamShare.Identity.Data.Migrations
{
    /// <inheritdoc />
    public partial class TeamsAndFiles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "RemovedAt",
                table: "identity_users",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "RemovedAt",
                table: "identity_users");
        }
    }
}
