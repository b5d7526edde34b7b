using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TeamShare.Links.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class DropBoxQuota : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "DropBoxLimitBytes",
                table: "links_team_settings",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "UploadLimitBytes",
                table: "links_shares",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "UploadedBytes",
                table: "links_shares",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "DropBoxLimitBytes",
                table: "links_team_settings");

            migrationBuilder.DropColumn(
                name: "UploadLimitBytes",
                table: "links_shares");

            migrationBuilder.DropColumn(
                name: "UploadedBytes",
                table: "links_shares");
        }
    }
}
