using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TeamShare.Spaces.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PostgresInitial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "spaces_grants",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TeamId = table.Column<Guid>(type: "uuid", nullable: false),
                    ItemId = table.Column<Guid>(type: "uuid", nullable: false),
                    PrincipalKind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    PrincipalId = table.Column<Guid>(type: "uuid", nullable: true),
                    Role = table.Column<int>(type: "integer", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_spaces_grants", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "spaces_items",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TeamId = table.Column<Guid>(type: "uuid", nullable: false),
                    SpaceId = table.Column<Guid>(type: "uuid", nullable: false),
                    ParentId = table.Column<Guid>(type: "uuid", nullable: true),
                    AncestorPath = table.Column<string>(type: "text", nullable: false),
                    Name = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    NameKey = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Size = table.Column<long>(type: "bigint", nullable: false),
                    ContentSha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ContentType = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    OwnerUserId = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ModifiedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    TrashedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    TrashedRootId = table.Column<Guid>(type: "uuid", nullable: true),
                    TrashedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    LinkRestricted = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_spaces_items", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "spaces_spaces",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TeamId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Name = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    PersonalOwnerId = table.Column<Guid>(type: "uuid", nullable: true),
                    RootItemId = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_spaces_spaces", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "spaces_versions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TeamId = table.Column<Guid>(type: "uuid", nullable: false),
                    ItemId = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    ContentSha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Size = table.Column<long>(type: "bigint", nullable: false),
                    ContentType = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    CreatedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_spaces_versions", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_spaces_grants_ItemId_PrincipalKind_PrincipalId",
                table: "spaces_grants",
                columns: new[] { "ItemId", "PrincipalKind", "PrincipalId" });

            migrationBuilder.CreateIndex(
                name: "IX_spaces_grants_TeamId_PrincipalKind_PrincipalId",
                table: "spaces_grants",
                columns: new[] { "TeamId", "PrincipalKind", "PrincipalId" });

            migrationBuilder.CreateIndex(
                name: "IX_spaces_items_ContentSha256",
                table: "spaces_items",
                column: "ContentSha256");

            migrationBuilder.CreateIndex(
                name: "IX_spaces_items_ParentId_NameKey",
                table: "spaces_items",
                columns: new[] { "ParentId", "NameKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_spaces_items_SpaceId_Kind",
                table: "spaces_items",
                columns: new[] { "SpaceId", "Kind" });

            migrationBuilder.CreateIndex(
                name: "IX_spaces_items_TeamId_AncestorPath",
                table: "spaces_items",
                columns: new[] { "TeamId", "AncestorPath" });

            migrationBuilder.CreateIndex(
                name: "IX_spaces_items_TrashedAt",
                table: "spaces_items",
                column: "TrashedAt");

            migrationBuilder.CreateIndex(
                name: "IX_spaces_items_TrashedBy",
                table: "spaces_items",
                column: "TrashedBy");

            migrationBuilder.CreateIndex(
                name: "IX_spaces_items_TrashedRootId",
                table: "spaces_items",
                column: "TrashedRootId");

            migrationBuilder.CreateIndex(
                name: "IX_spaces_spaces_PersonalOwnerId",
                table: "spaces_spaces",
                column: "PersonalOwnerId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_spaces_spaces_TeamId_Kind",
                table: "spaces_spaces",
                columns: new[] { "TeamId", "Kind" });

            migrationBuilder.CreateIndex(
                name: "IX_spaces_versions_ContentSha256",
                table: "spaces_versions",
                column: "ContentSha256");

            migrationBuilder.CreateIndex(
                name: "IX_spaces_versions_ItemId_Number",
                table: "spaces_versions",
                columns: new[] { "ItemId", "Number" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "spaces_grants");

            migrationBuilder.DropTable(
                name: "spaces_items");

            migrationBuilder.DropTable(
                name: "spaces_spaces");

            migrationBuilder.DropTable(
                name: "spaces_versions");
        }
    }
}
