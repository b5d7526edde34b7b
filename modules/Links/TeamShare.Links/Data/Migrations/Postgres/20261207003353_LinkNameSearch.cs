using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TeamShare.Links.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class LinkNameSearch : Migration
    {
        /// <summary>Issue 24: My Shares' name search through a trigram index (pg_trgm, a trusted extension); see ShareNameSearch.</summary>
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE EXTENSION IF NOT EXISTS pg_trgm;
                CREATE INDEX "IX_links_shares_Name_trigrams" ON "links_shares" USING gin ("Name" gin_trgm_ops);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP INDEX "IX_links_shares_Name_trigrams";""");
        }
    }
}
