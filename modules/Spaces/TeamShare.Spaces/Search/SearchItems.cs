using Mediator;
using Microsoft.EntityFrameworkCore;
using TeamShare.SharedKernel.Http;
using TeamShare.Spaces.Access;
using TeamShare.Spaces.Contracts;
using TeamShare.Spaces.Data;
using TeamShare.Spaces.Items;

namespace TeamShare.Spaces.Search;

/// <param name="Folder">Where it is: the folder's name (the space's for the top), or null when the searcher may not open that
/// folder (an item shared with them on its own), so a search never names what SP-8 hides.</param>
internal sealed record SearchHitDto(ItemDto Item, string? Folder);

/// <summary>
/// Items whose name contains the text, across the member's spaces and what is shared with them, newest first (issue 12's
/// top-bar search). Every candidate passes SP-8 before it is shown.
/// </summary>
internal sealed record SearchItems(Guid UserId, Guid TeamId, string? Text) : IRequest<Outcome<IReadOnlyList<SearchHitDto>>>
{
    public const int MaxHits = 50;
    public const int MaxLength = 200;
}

internal sealed class SearchItemsHandler(SpacesDbContext db, EffectiveRoles roles, VisibleSpaces visible) : IRequestHandler<SearchItems, Outcome<IReadOnlyList<SearchHitDto>>>
{
    // Candidates are read in batches and filtered by access: a member who may see little of a large team still gets their
    // hits, and the search stops after a bounded amount of work.
    private const int Batch = 200;
    private const int MaxBatches = 10;

    public async ValueTask<Outcome<IReadOnlyList<SearchHitDto>>> Handle(SearchItems request, CancellationToken ct)
    {
        var text = request.Text?.Trim() ?? "";
        if (text.Length == 0) return Outcome<IReadOnlyList<SearchHitDto>>.Invalid("q", "Type part of a name to search for.");
        if (text.Length > SearchItems.MaxLength)
            return Outcome<IReadOnlyList<SearchHitDto>>.Invalid("q", $"Search for at most {SearchItems.MaxLength} characters.");
        var key = ItemNames.Key(text);
        var hits = new List<(Item Item, AccessRole Role)>();
        for (var batch = 0; batch < MaxBatches && hits.Count < SearchItems.MaxHits; batch++)
        {
            var candidates = await db.Items.AsNoTracking()
                .Where(i => i.TeamId == request.TeamId && i.ParentId != null && i.TrashedAt == null && i.NameKey.Contains(key))
                .OrderByDescending(i => i.ModifiedAt).ThenBy(i => i.Id).Skip(batch * Batch).Take(Batch).Select(i => i.Id).ToListAsync(ct);
            if (candidates.Count == 0) break;
            hits.AddRange((await roles.ForItemsAsync(request.UserId, request.TeamId, candidates, ct)).Where(a => a.Role > AccessRole.None));
            if (candidates.Count < Batch) break;
        }
        hits = hits.Take(SearchItems.MaxHits).ToList();

        var parents = (await roles.ForItemsAsync(request.UserId, request.TeamId, hits.Select(h => h.Item.ParentId!.Value).Distinct().ToList(), ct))
            .ToDictionary(p => p.Item.Id);
        var spaceIds = hits.Select(h => h.Item.SpaceId).Distinct().ToList();
        var spaceNames = (await db.Spaces.AsNoTracking().Where(s => spaceIds.Contains(s.Id)).ToListAsync(ct)).ToDictionary(s => s.Id, visible.NameOf);
        return Outcome<IReadOnlyList<SearchHitDto>>.Success(hits.Select(h =>
        {
            var parent = parents.GetValueOrDefault(h.Item.ParentId!.Value);
            var folder = parent.Role > AccessRole.None ? (parent.Item.ParentId is null ? spaceNames.GetValueOrDefault(h.Item.SpaceId) : parent.Item.Name) : null;
            return new SearchHitDto(h.Item.ToDto(h.Role), folder);
        }).ToList());
    }
}
