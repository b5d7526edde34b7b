using Mediator;
using Microsoft.EntityFrameworkCore;
using TeamShare.SharedKernel.Data;
using TeamShare.Spaces.Access;
using TeamShare.Spaces.Contracts;
using TeamShare.Spaces.Data;
using TeamShare.Spaces.Search;

namespace TeamShare.Spaces.Starred;

/// <summary>
/// Issue 28: a member stars (or unstars) an item they may open, as in Drive and Dropbox. Starring twice is starring once.
/// False when the item is not one they may open (answered as not found): a star tells nobody anything, but only what one
/// may open can be starred. A star the member has always comes off, also from an item they lost access to.
/// </summary>
internal sealed record SetStar(Guid UserId, Guid TeamId, Guid ItemId, bool On) : IRequest<bool>;

/// <summary>The member's starred items they may still open and that are not in the trash, newest star first.</summary>
internal sealed record ListStarred(Guid UserId, Guid TeamId) : IRequest<IReadOnlyList<PlacedItemDto>>
{
    public const int Max = 500;
}

/// <summary>Which of these items the member starred: one lookup on the star key for a whole list (folders, Recent, search).</summary>
internal static class StarLookup
{
    public static async Task<HashSet<Guid>> StarredAsync(this SpacesDbContext db, Guid userId, IReadOnlyList<Guid> itemIds, CancellationToken ct) =>
        itemIds.Count == 0 ? []
            : (await db.Stars.AsNoTracking().Where(s => s.UserId == userId).WhereIdIn(s => s.ItemId, itemIds).Select(s => s.ItemId).ToListAsync(ct)).ToHashSet();
}

internal sealed class SetStarHandler(SpacesDbContext db, EffectiveRoles roles, TimeProvider clock) : IRequestHandler<SetStar, bool>
{
    public async ValueTask<bool> Handle(SetStar r, CancellationToken ct)
    {
        if (!r.On && await db.Stars.Where(s => s.UserId == r.UserId && s.ItemId == r.ItemId).ExecuteDeleteAsync(ct) > 0) return true;
        if (await roles.ForItemAsync(r.UserId, r.TeamId, r.ItemId, ct) is not { Role: > AccessRole.None } found || found.Item.ParentId is null) return false;
        if (!r.On) return true;
        if (await db.Stars.AnyAsync(s => s.UserId == r.UserId && s.ItemId == r.ItemId, ct)) return true;
        db.Stars.Add(new Star { UserId = r.UserId, ItemId = r.ItemId, CreatedAt = clock.GetUtcNow().UtcDateTime });
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException) { /* a second click at the same moment: the star is there */ }
        return true;
    }
}

internal sealed class ListStarredHandler(SpacesDbContext db, EffectiveRoles roles, ItemPlaces places) : IRequestHandler<ListStarred, IReadOnlyList<PlacedItemDto>>
{
    public async ValueTask<IReadOnlyList<PlacedItemDto>> Handle(ListStarred r, CancellationToken ct)
    {
        var ids = await db.Stars.AsNoTracking().Where(s => s.UserId == r.UserId).OrderByDescending(s => s.CreatedAt).Take(ListStarred.Max)
            .Select(s => s.ItemId).ToListAsync(ct);
        var open = (await roles.ForItemsAsync(r.UserId, r.TeamId, ids, ct))
            .Where(a => a.Role > AccessRole.None && a.Item.TrashedAt is null && a.Item.ParentId is not null).ToDictionary(a => a.Item.Id);
        return await places.PlaceAsync(r.UserId, r.TeamId, ids.Where(open.ContainsKey).Select(id => open[id]).ToList(), ct);
    }
}
