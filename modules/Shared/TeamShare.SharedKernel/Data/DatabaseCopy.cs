using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace TeamShare.SharedKernel.Data;

/// <summary>
/// Moves a module's rows between two databases of the same model (SQLite to PostgreSQL): table by table, principals before
/// their dependants, in pages, through EF so each provider stores values its own way. The target must be empty.
/// </summary>
public static class DatabaseCopy
{
    private const int Page = 1000;

    public static async Task<int> CopyAsync(DbContext source, DbContext target, CancellationToken ct)
    {
        var copied = 0;
        foreach (var type in InDependencyOrder(source.Model))
        {
            if (type.GetProperties().Any(p => p.IsShadowProperty()))
                throw new InvalidOperationException($"{type.DisplayName()} has shadow properties, which a plain copy would lose.");
            var method = typeof(DatabaseCopy).GetMethod(nameof(CopyTableAsync), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
                .MakeGenericMethod(type.ClrType);
            copied += await (Task<int>)method.Invoke(null, [source, target, type, ct])!;
            await ContinueIdentityAsync(target, type, ct);
        }
        return copied;
    }

    /// <summary>
    /// Rows keep their ids; PostgreSQL's identity sequence does not see explicit values, so it is moved past the largest one.
    /// The one provider-specific statement, here and not in a module, and run only by this copy (tested on PostgreSQL).
    /// </summary>
    private static async Task ContinueIdentityAsync(DbContext target, IEntityType type, CancellationToken ct)
    {
        if (!target.Database.IsNpgsql()) return;
        foreach (var key in type.FindPrimaryKey()!.Properties.Where(p => p.ValueGenerated == Microsoft.EntityFrameworkCore.Metadata.ValueGenerated.OnAdd
                                                                          && (p.ClrType == typeof(int) || p.ClrType == typeof(long))))
        {
            var table = type.GetTableName()!;
            var column = key.GetColumnName();
#pragma warning disable EF1002 // names come from the model, not from input
            await target.Database.ExecuteSqlRawAsync(
                $"SELECT setval(pg_get_serial_sequence('\"{table}\"', '{column}'), COALESCE((SELECT MAX(\"{column}\") FROM \"{table}\"), 0) + 1, false)", ct);
#pragma warning restore EF1002
        }
    }

    private static async Task<int> CopyTableAsync<T>(DbContext source, DbContext target, IEntityType type, CancellationToken ct) where T : class
    {
        if (await target.Set<T>().AnyAsync(ct))
            throw new InvalidOperationException($"The target already holds rows of {type.GetTableName()}; copy only into an empty database.");
        var key = type.FindPrimaryKey()!.Properties;
        var query = source.Set<T>().AsNoTracking();
        // A stable order for paging: the primary key.
        var ordered = query.OrderBy(e => EF.Property<object>(e, key[0].Name));
        for (var i = 1; i < key.Count; i++)
        {
            var name = key[i].Name;
            ordered = ordered.ThenBy(e => EF.Property<object>(e, name));
        }
        var copied = 0;
        while (true)
        {
            var rows = await ordered.Skip(copied).Take(Page).ToListAsync(ct);
            if (rows.Count == 0) return copied;
            target.Set<T>().AddRange(rows);
            await target.SaveChangesAsync(ct);
            target.ChangeTracker.Clear();
            copied += rows.Count;
        }
    }

    private static List<IEntityType> InDependencyOrder(IModel model)
    {
        var remaining = model.GetEntityTypes().Where(t => !t.IsOwned() && t.FindPrimaryKey() is not null).ToList();
        var ordered = new List<IEntityType>();
        while (remaining.Count > 0)
        {
            var ready = remaining.Where(t => t.GetForeignKeys().All(fk => fk.PrincipalEntityType == t || ordered.Contains(fk.PrincipalEntityType))).ToList();
            if (ready.Count == 0) throw new InvalidOperationException("The model's foreign keys form a cycle; copy it by hand.");
            ordered.AddRange(ready);
            remaining.RemoveAll(ready.Contains);
        }
        return ordered;
    }
}
