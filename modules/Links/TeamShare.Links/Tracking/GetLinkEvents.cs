using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TeamShare.Links.Data;
using TeamShare.SharedKernel.Http;
using TeamShare.SharedKernel.Security;
using TeamShare.Spaces.Contracts;

namespace TeamShare.Links.Tracking;

/// <param name="First">The link's first open, highlighted in the timeline.</param>
internal sealed record LinkEventDto(long Id, DateTime At, string Kind, Guid? ItemId, string? ItemName, string Client, string Network, bool First);

internal sealed record ItemTotals(Guid ItemId, string Name, int Opens, int Previews, int Downloads, int Uploads, int Edits);

/// <param name="NextBefore">Pass as <c>before</c> for the next (older) page; null on the last.</param>
internal sealed record LinkTimeline(Guid ShareId, DateTime? FirstOpenedAt, int Opens, IReadOnlyList<ItemTotals> Totals,
    IReadOnlyList<LinkEventDto> Events, long? NextBefore);

/// <summary>
/// Issue 11: what happened to a link, for its sharer and the team's admins only (anyone else, of this team or another, gets
/// 404): a timeline newest first, paged, the first open marked, and totals per item.
/// </summary>
internal sealed record GetLinkEvents(Guid UserId, Guid TeamId, bool IsAdmin, Guid ShareId, long? Before = null, int Limit = 50)
    : IRequest<Outcome<LinkTimeline>>;

internal sealed class GetLinkEventsHandler(LinksDbContext db, IMediator mediator) : IRequestHandler<GetLinkEvents, Outcome<LinkTimeline>>
{
    public async ValueTask<Outcome<LinkTimeline>> Handle(GetLinkEvents r, CancellationToken ct)
    {
        var share = await db.Links.AsNoTracking().Include(s => s.Items)
            .FirstOrDefaultAsync(s => s.Id == r.ShareId && s.TeamId == r.TeamId && (s.OwnerUserId == r.UserId || r.IsAdmin), ct);
        if (share is null) return Outcome<LinkTimeline>.NotFound();
        var limit = Math.Clamp(r.Limit, 1, 200);

        var events = db.Events.AsNoTracking().Where(e => e.ShareId == share.Id);
        var page = await events.Where(e => r.Before == null || e.Id < r.Before).OrderByDescending(e => e.Id).Take(limit + 1).ToListAsync(ct);
        var firstOpen = await events.Where(e => e.Kind == "opened").OrderBy(e => e.Id).Select(e => new { e.Id, e.At }).FirstOrDefaultAsync(ct);
        // One grouping gives the totals per item and, over all rows, the number of opens.
        var counts = await events.GroupBy(e => new { e.ItemId, e.Kind })
            .Select(g => new { g.Key.ItemId, g.Key.Kind, Count = g.Count() }).ToListAsync(ct);
        var opens = counts.Where(c => c.Kind == "opened").Sum(c => c.Count);

        var itemIds = share.Items.Select(i => i.ItemId).Concat(page.Where(e => e.ItemId != null).Select(e => e.ItemId!.Value))
            .Concat(counts.Where(c => c.ItemId != null).Select(c => c.ItemId!.Value)).Distinct().ToList();
        var names = await mediator.Send(new GetItemStates(share.TeamId, itemIds), ct);
        string? NameOf(Guid? id) => id is { } i && names.TryGetValue(i, out var item) ? item.Name : null;
        int Count(Guid item, string kind) => counts.FirstOrDefault(c => c.ItemId == item && c.Kind == kind)?.Count ?? 0;

        var totals = counts.Where(c => c.ItemId != null).Select(c => c.ItemId!.Value).Distinct().Where(id => NameOf(id) is not null)
            .Select(id => new ItemTotals(id, NameOf(id)!, Count(id, "opened"), Count(id, "previewed"), Count(id, "downloaded"), Count(id, "uploaded"), Count(id, "edited")))
            .OrderBy(t => t.Name).ToList();
        var shown = page.Take(limit).Select(e => new LinkEventDto(e.Id, e.At, e.Kind, e.ItemId, NameOf(e.ItemId), e.Client, e.Network, e.Id == firstOpen?.Id)).ToList();
        return Outcome<LinkTimeline>.Success(new LinkTimeline(share.Id, firstOpen?.At, opens, totals, shown,
            page.Count > limit ? shown[^1].Id : null));
    }
}

internal static class LinkEventsEndpoint
{
    /// <summary>GET /api/shares/{id}/events?before=&amp;limit=</summary>
    public static async Task<Results<Ok<LinkTimeline>, Refusal>> Handle(Guid id, long? before, int? limit, ClaimsPrincipal user, IMediator mediator,
        CancellationToken ct) =>
        (await mediator.Send(new GetLinkEvents(user.GetUserId(), user.GetTeamId(), user.IsTeamAdmin(), id, before, limit ?? 50), ct)).ToHttp(TypedResults.Ok);
}
