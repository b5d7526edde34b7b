using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace TeamShare.SharedKernel.Data;

/// <summary>
/// <c>WHERE id IN (list)</c> sized for the list. EF Core 10 sends a list as one parameter per element, which plans well for the
/// short lists of a request (a chain of folders, a link's items); a long one (a folder's 10 000 children) became a statement of
/// 10 000 parameters that took ~300 ms on SQLite. From <see cref="LongAt"/> elements the list goes as one array parameter
/// (json_each on SQLite, = ANY on PostgreSQL) instead. Sending every list that way made short-list queries plan badly on
/// SQLite (link opens fell from ~1 000 to ~150 req/s), hence the split.
/// </summary>
public static class IdLists
{
    public const int LongAt = 100;

    public static IQueryable<T> WhereIdIn<T>(this IQueryable<T> query, Expression<Func<T, Guid>> id, IReadOnlyCollection<Guid> ids)
    {
        // A member of a constant object, as a closure would be, so EF turns it into a parameter and caches one plan.
        Expression list = Expression.Property(Expression.Constant(new Holder(ids as List<Guid> ?? [.. ids])), nameof(Holder.Ids));
        if (ids.Count >= LongAt) list = Expression.Call(typeof(EF), nameof(EF.Parameter), [typeof(List<Guid>)], list);
        var contains = Expression.Call(typeof(Enumerable), nameof(Enumerable.Contains), [typeof(Guid)], list, id.Body);
        return query.Where(Expression.Lambda<Func<T, bool>>(contains, id.Parameters));
    }

    private sealed class Holder(List<Guid> ids)
    {
        public List<Guid> Ids { get; } = ids;
    }
}
