using Microsoft.EntityFrameworkCore;
using TeamShare.Spaces.Data;

namespace TeamShare.Spaces.Items;

/// <summary>
/// An item of a team by its id, untracked: the lookup SP-8 and previews start from on every member and link request.
/// Compiled once (issue 24): EF Core otherwise rebuilds and re-parameterises the query's expression on each call, which in
/// a profile of counted previews cost about a third of running it.
/// </summary>
internal static class ItemById
{
    private static readonly Func<SpacesDbContext, Guid, Guid, CancellationToken, Task<Item?>> Query =
        EF.CompileAsyncQuery((SpacesDbContext db, Guid itemId, Guid teamId, CancellationToken ct) =>
            db.Items.AsNoTracking().FirstOrDefault(i => i.Id == itemId && i.TeamId == teamId));

    public static Task<Item?> FindAsync(SpacesDbContext db, Guid itemId, Guid teamId, CancellationToken ct) => Query(db, itemId, teamId, ct);
}
