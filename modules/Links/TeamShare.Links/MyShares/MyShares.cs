using Mediator;
using Microsoft.EntityFrameworkCore;
using TeamShare.Links.Create;
using TeamShare.Links.Data;
using TeamShare.Policy.Contracts;
using TeamShare.Spaces.Contracts;

namespace TeamShare.Links.MyShares;

/// <param name="ItemId">Only the shares that hold this item (the share dialog's link section, issue 28).</param>
internal sealed record ShareQuery(string? Name, DateTime? CreatedFrom, DateTime? CreatedTo, string? Status, Guid? Cursor, int PageSize, Guid? ItemId = null);

internal sealed record SharePage(IReadOnlyList<LinkResponse> Items, Guid? NextCursor);

/// <summary>
/// LK-4: a member's shares, newest first, keyset-paged by id (time-ordered), searchable by name and creation time, with the
/// status a recipient would meet: the share's own state, then whether its items are in the trash or policy blocks it.
/// One query for the page, one for item states, one for the policy: never one per share.
/// </summary>
internal sealed class MySharesQuery(LinksDbContext db, IMediator mediator, LinkTokenVault vault, TimeProvider clock)
{
    public const int MaxPageSize = 100;

    /// <param name="linkBase">The team's link base (<see cref="LinkUrls.BaseAsync"/>): each share carries its link again.</param>
    public async Task<SharePage> ListAsync(Guid ownerId, Guid teamId, ShareQuery q, string linkBase, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var query = db.Links.AsNoTracking().Include(s => s.Items).Where(s => s.OwnerUserId == ownerId);
        if (!string.IsNullOrWhiteSpace(q.Name)) query = query.Matching(db, q.Name);
        if (q.CreatedFrom is { } from) query = query.Where(s => s.CreatedAt >= from.ToUniversalTime());
        if (q.CreatedTo is { } to) query = query.Where(s => s.CreatedAt < to.ToUniversalTime());
        if (q.Cursor is { } cursor) query = query.Where(s => s.Id.CompareTo(cursor) < 0);
        // Item first (its index on the shared items), so an item without links does not walk every link of its owner.
        if (q.ItemId is { } item) query = query.Where(s => db.LinkItems.Where(i => i.ItemId == item).Select(i => i.ShareId).Contains(s.Id));
        query = q.Status switch
        {
            "canceled" => query.Where(s => s.CanceledAt != null),
            "expired" => query.Where(s => s.CanceledAt == null && s.ExpiresAt <= now),
            "limit_reached" => query.Where(s => s.CanceledAt == null && (s.ExpiresAt == null || s.ExpiresAt > now) && s.PreviewCount >= s.PreviewLimit),
            "active" or "item_in_trash" or "blocked_by_policy" => query.Where(s => s.CanceledAt == null && (s.ExpiresAt == null || s.ExpiresAt > now)
                && (s.PreviewLimit == null || s.PreviewCount < s.PreviewLimit)),
            _ => query,
        };
        var rows = await query.OrderByDescending(s => s.Id).Take(q.PageSize).ToListAsync(ct);
        var statuses = await StatusesAsync(rows, teamId, now, ct);
        var items = rows.Where(s => q.Status is null or "" || statuses[s.Id] == q.Status)
            .Select(s => LinkMapping.ToResponse(s, LinkUrls.Again(linkBase, s, vault), now, status: statuses[s.Id])).ToList();
        return new SharePage(items, rows.Count == q.PageSize ? rows[^1].Id : null);
    }

    public async Task<Dictionary<Guid, string>> StatusesAsync(IReadOnlyList<Link> shares, Guid teamId, DateTime now, CancellationToken ct)
    {
        var itemIds = shares.SelectMany(s => s.Items.Select(i => i.ItemId)).Distinct().ToList();
        var states = itemIds.Count == 0 ? new Dictionary<Guid, ItemSummary>() : await mediator.Send(new GetItemStates(teamId, itemIds), ct);
        var outsideBlocked = shares.Any(s => !s.TeamOnly) && !(await mediator.Send(new CheckOutsideLinkAccess(teamId), ct)).Allowed;
        return shares.ToDictionary(s => s.Id, s =>
        {
            var own = LinkMapping.StatusOf(s, now);
            if (own != "active") return own;
            if (s.Items.All(i => !states.TryGetValue(i.ItemId, out var item) || item.InTrash)) return "item_in_trash";
            return outsideBlocked && !s.TeamOnly ? "blocked_by_policy" : "active";
        });
    }
}
