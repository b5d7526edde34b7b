using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace TeamShare.SharedKernel.Caching;

/// <summary>How writes to one entity type reach the feed: whether they do, by which team property, and which of its
/// properties are counters (<see cref="NotWatchedAttribute"/>). Read once per type by reflection, on the write path only.</summary>
internal sealed record WatchedType(bool Watched, string? TeamProperty, FrozenSet<string> Unwatched)
{
    private static readonly ConcurrentDictionary<Type, WatchedType> Types = new();
    private static readonly ConcurrentDictionary<IModel, FrozenDictionary<string, FrozenSet<string>?>> ColumnsByModel = new();

    public static WatchedType Of(Type type) => Types.GetOrAdd(type, static type =>
    {
        if (type.GetCustomAttribute<NotWatchedAttribute>() is not null) return new WatchedType(false, null, FrozenSet<string>.Empty);
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance);
        var team = properties.FirstOrDefault(p => p.GetCustomAttribute<TeamKeyAttribute>() is not null)?.Name
                   ?? properties.FirstOrDefault(p => p is { Name: "TeamId", PropertyType: var t } && t == typeof(Guid))?.Name;
        var counters = properties.Where(p => p.GetCustomAttribute<NotWatchedAttribute>() is not null).Select(p => p.Name).ToFrozenSet();
        return new WatchedType(true, team, counters);
    });

    /// <summary>The table columns of <paramref name="type"/>'s watched (or, with false, its counter) properties.</summary>
    public IEnumerable<string> Columns(IEntityType type, bool watched)
    {
        var store = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
        return type.GetProperties().Where(p => Unwatched.Contains(p.Name) != watched).Select(p => p.GetColumnName(store)).OfType<string>();
    }

    /// <summary>
    /// For a statement naming <paramref name="table"/>: null when writes to it bump nothing (a class marked not watched);
    /// else the columns of its counters (empty when it has none). Tables the model does not know are watched.
    /// </summary>
    public static FrozenSet<string>? UnwatchedColumns(IModel model, string table) =>
        ColumnsByModel.GetOrAdd(model, static model => model.GetEntityTypes()
                .Where(e => e.GetTableName() is not null && !e.IsOwned())
                .GroupBy(e => e.GetTableName()!, StringComparer.OrdinalIgnoreCase)
                .ToFrozenDictionary(g => g.Key, g =>
                {
                    var type = g.First();
                    var watched = Of(type.ClrType);
                    if (!watched.Watched) return null;
                    return watched.Columns(type, watched: false).ToFrozenSet();
                }, StringComparer.OrdinalIgnoreCase))
            .TryGetValue(table, out var columns) ? columns : FrozenSet<string>.Empty;
}
