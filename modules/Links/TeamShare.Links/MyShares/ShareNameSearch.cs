using Microsoft.EntityFrameworkCore;
using TeamShare.Links.Data;

namespace TeamShare.Links.MyShares;

/// <summary>
/// LK-4's search by name (any part of it, any case) through an index of the names' trigrams, so it costs what it finds, not
/// what the member has shared (issue 24: a scan of 100 000 names took ~0.2 s). SQLite: an FTS5 table with the trigram
/// tokenizer (<c>links_share_names</c>, kept by triggers); PostgreSQL: a pg_trgm GIN index on the name. Trigrams need three
/// characters: a shorter search scans the member's names as before.
/// </summary>
internal static class ShareNameSearch
{
    public const int IndexedFrom = 3;

    public static IQueryable<Link> Matching(this IQueryable<Link> query, LinksDbContext db, string name)
    {
        name = name.Trim();
        if (name.Length < IndexedFrom) return query.Where(s => s.Name.ToLower().Contains(name.ToLower()));
        if (db.Database.IsNpgsql())
        {
            var pattern = "%" + name.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_") + "%";
            return query.Where(s => EF.Functions.ILike(s.Name, pattern));
        }
        // One FTS5 string: the name's trigrams in order, i.e. the name contains it (case folded by the tokenizer).
        var phrase = "\"" + name.Replace("\"", "\"\"") + "\"";
        var ids = db.Database.SqlQuery<Guid>($"SELECT \"ShareId\" AS \"Value\" FROM \"links_share_names\" WHERE \"links_share_names\" MATCH {phrase}");
        return query.Where(s => ids.Contains(s.Id));
    }
}
