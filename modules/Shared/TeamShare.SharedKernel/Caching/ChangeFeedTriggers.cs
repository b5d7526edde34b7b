using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace TeamShare.SharedKernel.Caching;

/// <summary>
/// On PostgreSQL every watched table notifies <see cref="ChangeFeed.Channel"/> from a row trigger, with the row's team (or
/// <c>*</c>), so the notification is part of the writing transaction: delivered to every instance at commit, never for a
/// change that rolled back, and sent whoever writes (EF, a statement, an operator's psql). Made from the model at each
/// start (under the migration lock), so a new table or column is watched without a hand-written migration; counters
/// (<see cref="NotWatchedAttribute"/>) are left out of <c>UPDATE OF</c>. A changed trigger is dropped and made again in one
/// batch (one implicit transaction), which PostgreSQL 13 can do.
/// </summary>
public static class ChangeFeedTriggers
{
    private const string Function = $"""
        CREATE OR REPLACE FUNCTION teamshare_changed() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE changed jsonb;
        BEGIN
          IF TG_NARGS = 0 THEN
            PERFORM pg_notify('{ChangeFeed.Channel}', '{ChangeFeed.Everything}');
            RETURN NULL;
          END IF;
          IF TG_OP = 'DELETE' THEN changed := to_jsonb(OLD); ELSE changed := to_jsonb(NEW); END IF;
          PERFORM pg_notify('{ChangeFeed.Channel}', coalesce(changed ->> TG_ARGV[0], '{ChangeFeed.Everything}'));
          RETURN NULL;
        END $$;

        """;

    private sealed record Installed(string Table, string Version);

    /// <summary>Makes the triggers the model asks for. A table whose trigger is already as asked (its comment holds the
    /// definition's hash) is not touched: replacing a trigger locks its table, which a start must not do to a busy one.</summary>
    public static async Task InstallAsync(DbContext db, CancellationToken ct)
    {
        if (!db.Database.IsNpgsql()) return;
        var installed = (await db.Database.SqlQueryRaw<Installed>("""
                SELECT c.relname AS "Table", coalesce(obj_description(t.oid, 'pg_trigger'), '') AS "Version"
                FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
                WHERE t.tgname = 'teamshare_changed' AND c.relnamespace = current_schema()::regnamespace
                """).ToListAsync(ct))
            .ToDictionary(i => i.Table, i => i.Version);
        var sql = new StringBuilder(Function);
        foreach (var type in db.Model.GetEntityTypes())
        {
            if (type.GetTableName() is not { } table || type.IsOwned()) continue;
            var watched = WatchedType.Of(type.ClrType);
            var on = $"\"{table}\"";
            if (!watched.Watched)
            {
                if (installed.ContainsKey(table)) sql.Append($"DROP TRIGGER IF EXISTS teamshare_changed ON {on};\n");
                continue;
            }
            var store = StoreObjectIdentifier.Table(table, type.GetSchema());
            var columns = watched.Columns(type, watched: true).Select(c => $"\"{c}\"");
            var team = watched.TeamProperty is { } property ? $"'{type.FindProperty(property)!.GetColumnName(store)}'" : "";
            var trigger = $"CREATE TRIGGER teamshare_changed AFTER INSERT OR DELETE OR UPDATE OF {string.Join(", ", columns)} ON {on} " +
                          $"FOR EACH ROW EXECUTE FUNCTION teamshare_changed({team})";
            var version = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Function + trigger)))[..16];
            if (installed.GetValueOrDefault(table) == version) continue;
            sql.Append($"DROP TRIGGER IF EXISTS teamshare_changed ON {on};\n{trigger};\n")
                .Append($"COMMENT ON TRIGGER teamshare_changed ON {on} IS '{version}';\n");
        }
        await db.Database.ExecuteSqlRawAsync(sql.ToString(), ct);
    }
}
