using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using TeamShare.SharedKernel.Data;
using TeamShare.Spaces.Access;
using TeamShare.Spaces.Contracts;
using TeamShare.Spaces.Data;
using TeamShare.Spaces.Items;
using TeamShare.Spaces.Starred;

namespace TeamShare.Spaces.Search;

/// <param name="Folder">Where it is: the folder's name (the space's for the top), or null when the member may not open that
/// folder (an item shared with them on its own), so a list never names what SP-8 hides.</param>
internal sealed record PlacedItemDto(ItemDto Item, string? Folder);

/// <summary>
/// Lists of items from anywhere in the team (search, Recent, Starred): which of them the member may open (SP-8, batched),
/// and where each one is, as far as they may know it.
/// </summary>
internal sealed class ItemPlaces(SpacesDbContext db, EffectiveRoles roles, VisibleSpaces visible)
{
    // Candidates are read in batches and filtered by access: a member who may see little of a large team still gets their
    // items, and the work stops after a bounded number of batches.
    private const int Batch = 200;
    private const int MaxBatches = 10;

    /// <summary>Up to <paramref name="max"/> items matching <paramref name="filter"/> that the member may open, newest change first.</summary>
    public async Task<List<(Item Item, AccessRole Role)>> NewestAsync(Guid userId, Guid teamId, Expression<Func<Item, bool>> filter, int max,
        CancellationToken ct)
    {
        var found = new List<(Item Item, AccessRole Role)>();
        for (var batch = 0; batch < MaxBatches && found.Count < max; batch++)
        {
            var candidates = await db.Items.AsNoTracking()
                .Where(i => i.TeamId == teamId && i.ParentId != null && i.TrashedAt == null).Where(filter)
                .OrderByDescending(i => i.ModifiedAt).ThenBy(i => i.Id).Skip(batch * Batch).Take(Batch).Select(i => i.Id).ToListAsync(ct);
            if (candidates.Count == 0) break;
            found.AddRange((await roles.ForItemsAsync(userId, teamId, candidates, ct)).Where(a => a.Role > AccessRole.None));
            if (candidates.Count < Batch) break;
        }
        return found.Take(max).ToList();
    }

    /// <summary>Each item with its folder's name when the member may open that folder, and whether they starred it.</summary>
    public async Task<IReadOnlyList<PlacedItemDto>> PlaceAsync(Guid userId, Guid teamId, IReadOnlyList<(Item Item, AccessRole Role)> items,
        CancellationToken ct)
    {
        if (items.Count == 0) return [];
        var parents = (await roles.ForItemsAsync(userId, teamId, items.Select(h => h.Item.ParentId!.Value).Distinct().ToList(), ct))
            .ToDictionary(p => p.Item.Id);
        var spaceIds = items.Select(h => h.Item.SpaceId).Distinct().ToList();
        var spaceNames = (await db.Spaces.AsNoTracking().Where(s => spaceIds.Contains(s.Id)).ToListAsync(ct)).ToDictionary(s => s.Id, visible.NameOf);
        var starred = await db.StarredAsync(userId, items.Select(h => h.Item.Id).ToList(), ct);
        return items.Select(h =>
        {
            var parent = parents.GetValueOrDefault(h.Item.ParentId!.Value);
            var folder = parent.Role > AccessRole.None ? (parent.Item.ParentId is null ? spaceNames.GetValueOrDefault(h.Item.SpaceId) : parent.Item.Name) : null;
            return new PlacedItemDto(h.Item.ToDto(h.Role) with { Starred = starred.Contains(h.Item.Id) }, folder);
        }).ToList();
    }
}
