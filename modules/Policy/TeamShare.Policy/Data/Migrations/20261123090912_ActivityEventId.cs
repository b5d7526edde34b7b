using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TeamShare.Policy.Data.Migrations
{
    /// <inheritdoc />
    public partial class ActivityEventId : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "EventId",
                table: "policy_activity",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_policy_activity_EventId",
                table: "policy_activity",
                column: "EventId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_policy_activity_EventId",
                table: "policy_activity");

            migrationBuilder.DropColumn(
                name: "EventId",
                table: "policy_activity");
        }
    }
}
