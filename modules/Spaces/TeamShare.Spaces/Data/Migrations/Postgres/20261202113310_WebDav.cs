using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TeamShare.Spaces.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class WebDav : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_spaces_items_ParentId_NameKey",
                table: "spaces_items");

            migrationBuilder.CreateTable(
                name: "spaces_dav_locks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TeamId = table.Column<Guid>(type: "uuid", nullable: false),
                    ItemId = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    Exclusive = table.Column<bool>(type: "boolean", nullable: false),
                    Deep = table.Column<bool>(type: "boolean", nullable: false),
                    OwnerXml = table.Column<string>(type: "text", nullable: true),
                    TimeoutSeconds = table.Column<int>(type: "integer", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_spaces_dav_locks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "spaces_dav_properties",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TeamId = table.Column<Guid>(type: "uuid", nullable: false),
                    ItemId = table.Column<Guid>(type: "uuid", nullable: false),
                    Namespace = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Name = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    Xml = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_spaces_dav_properties", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_spaces_items_ParentId_NameKey",
                table: "spaces_items",
                columns: new[] { "ParentId", "NameKey" },
                unique: true,
                filter: "\"TrashedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_spaces_dav_locks_exclusive",
                table: "spaces_dav_locks",
                column: "ItemId",
                unique: true,
                filter: "\"Exclusive\"");

            migrationBuilder.CreateIndex(
                name: "IX_spaces_dav_locks_ExpiresAt",
                table: "spaces_dav_locks",
                column: "ExpiresAt");

            migrationBuilder.CreateIndex(
                name: "IX_spaces_dav_locks_ItemId",
                table: "spaces_dav_locks",
                column: "ItemId");

            migrationBuilder.CreateIndex(
                name: "IX_spaces_dav_properties_ItemId_Namespace_Name",
                table: "spaces_dav_properties",
                columns: new[] { "ItemId", "Namespace", "Name" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "spaces_dav_locks");

            migrationBuilder.DropTable(
                name: "spaces_dav_properties");

            migrationBuilder.DropIndex(
                name: "IX_spaces_items_ParentId_NameKey",
                table: "spaces_items");

            migrationBuilder.CreateIndex(
                name: "IX_spaces_items_ParentId_NameKey",
                table: "spaces_items",
                columns: new[] { "ParentId", "NameKey" },
                unique: true);
        }
    }
}
