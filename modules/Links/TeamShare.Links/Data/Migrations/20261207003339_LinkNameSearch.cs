using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TeamShare.Links.Data.Migrations
{
    /// <inheritdoc />
    public partial class LinkNameSearch : Migration
    {
        /// <summary>Issue 24: My Shares' name search through the names' trigrams (FTS5), kept by triggers; see ShareNameSearch.</summary>
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE "links_share_names" USING fts5("Name", "ShareId" UNINDEXED, tokenize = 'trigram');
                INSERT INTO "links_share_names" ("Name", "ShareId") SELECT "Name", "Id" FROM "links_shares";
                CREATE TRIGGER "links_share_names_insert" AFTER INSERT ON "links_shares" BEGIN
                    INSERT INTO "links_share_names" ("Name", "ShareId") VALUES (new."Name", new."Id");
                END;
                CREATE TRIGGER "links_share_names_rename" AFTER UPDATE OF "Name" ON "links_shares" BEGIN
                    DELETE FROM "links_share_names" WHERE "ShareId" = old."Id";
                    INSERT INTO "links_share_names" ("Name", "ShareId") VALUES (new."Name", new."Id");
                END;
                CREATE TRIGGER "links_share_names_delete" AFTER DELETE ON "links_shares" BEGIN
                    DELETE FROM "links_share_names" WHERE "ShareId" = old."Id";
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER "links_share_names_delete";
                DROP TRIGGER "links_share_names_rename";
                DROP TRIGGER "links_share_names_insert";
                DROP TABLE "links_share_names";
                """);
        }
    }
}
