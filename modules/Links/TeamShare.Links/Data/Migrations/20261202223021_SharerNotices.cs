using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TeamShare.Links.Data.Migrations
{
    /// <inheritdoc />
    public partial class SharerNotices : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "ExpiringNoticedAt",
                table: "links_shares",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "LastNoticeAt",
                table: "links_shares",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "LimitNoticedAt",
                table: "links_shares",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "NoticedThroughEventId",
                table: "links_shares",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<bool>(
                name: "NoticesOff",
                table: "links_shares",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "links_sharer_settings",
                columns: table => new
                {
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TeamId = table.Column<Guid>(type: "TEXT", nullable: false),
                    NoticesOffByDefault = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_links_sharer_settings", x => x.UserId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_links_shares_NoticesOff_LastNoticeAt",
                table: "links_shares",
                columns: new[] { "NoticesOff", "LastNoticeAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "links_sharer_settings");

            migrationBuilder.DropIndex(
                name: "IX_links_shares_NoticesOff_LastNoticeAt",
                table: "links_shares");

            migrationBuilder.DropColumn(
                name: "ExpiringNoticedAt",
                table: "links_shares");

            migrationBuilder.DropColumn(
                name: "LastNoticeAt",
                table: "links_shares");

            migrationBuilder.DropColumn(
                name: "LimitNoticedAt",
                table: "links_shares");

            migrationBuilder.DropColumn(
                name: "NoticedThroughEventId",
                table: "links_shares");

            migrationBuilder.DropColumn(
                name: "NoticesOff",
                table: "links_shares");
        }
    }
}
