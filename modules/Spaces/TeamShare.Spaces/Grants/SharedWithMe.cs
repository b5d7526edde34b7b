using System.Globalization;
using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TeamShare.Identity.Contracts;
using TeamShare.SharedKernel.Data;
using TeamShare.SharedKernel.Http;
using TeamShare.SharedKernel.Security;
using TeamShare.SharedKernel.Validation;
using TeamShare.Spaces.Contracts;
using TeamShare.Spaces.Data;
using TeamShare.Spaces.Items;

namespace TeamShare.Spaces.Grants;

internal sealed record SharedItemDto(ItemDto Item, AccessRole Role, string SharedBy, DateTime SharedAt);

/// <summary>
/// SH-10: items granted to the caller directly, through a department they are in now, or to the whole team; not their own,
/// not in the trash, not whole team spaces (those are listed as spaces). Newest share first. Without <paramref name="Limit"/>,
/// all of them; with it, a page after <paramref name="After"/> (the previous page's <see cref="SharedPage.Next"/>).
/// </summary>
internal sealed record ListSharedWithMe(Guid UserId, Guid TeamId, int? Limit = null, string? After = null) : IRequest<Outcome<SharedPage>>;

/// <param name="Next">The cursor of the next page, null on the last.</param>
internal sealed record SharedPage(IReadOnlyList<SharedItemDto> Items, string? Next);

internal sealed class ListSharedWithMeValidator : IValidator<ListSharedWithMe>
{
    public IReadOnlyDictionary<string, string[]> Validate(ListSharedWithMe r) =>
        KeysetPages.InvalidLimit(r.Limit) ?? KeysetPages.CursorCheck(SharedCursor.TryDecode(r.After, out _));
}

internal sealed class ListSharedWithMeHandler(SpacesDbContext db, IMediator mediator) : IRequestHandler<ListSharedWithMe, Outcome<SharedPage>>
{
    public async ValueTask<Outcome<SharedPage>> Handle(ListSharedWithMe request, CancellationToken ct)
    {
        var (userId, teamId) = (request.UserId, request.TeamId);
        var groups = await mediator.Send(new GetPrincipalGroups(userId), ct);
        if (groups is null || !groups.IsActive) return Outcome<SharedPage>.Success(new SharedPage([], null));
        var me = (Guid?)userId;
        var departments = groups.DepartmentIds.Select(d => (Guid?)d).ToList();
        // Every grant is needed to know each item's role and place in the order, but only four small columns of it: what the
        // list shows of an item is read for the page alone (issue 24, B9: 5 000 shared items read and sent whole cost ~30 ms).
        var grants = await (from g in db.Grants
                            join i in db.Items on g.ItemId equals i.Id
                            where g.TeamId == teamId && i.TrashedAt == null && i.ParentId != null && i.OwnerUserId != userId
                                  && ((g.PrincipalKind == PrincipalKinds.User && g.PrincipalId == me)
                                      || (g.PrincipalKind == PrincipalKinds.Department && departments.Contains(g.PrincipalId))
                                      || g.PrincipalKind == PrincipalKinds.Organisation)
                            select new SharedCursor.Row(g.ItemId, g.Role, g.CreatedBy, g.CreatedAt)).AsNoTracking().ToListAsync(ct);
        SharedCursor.TryDecode(request.After, out var after);
        var ordered = grants.GroupBy(g => g.ItemId)
            .Select(g => g.OrderByDescending(r => r.Role).ThenBy(r => r.CreatedAt).First())
            .Where(r => after is null || after.Precedes(r))
            .OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.ItemId);
        var page = (request.Limit is { } limit ? ordered.Take(limit + 1) : ordered).ToList();
        var next = request.Limit is { } size && page.Count > size ? SharedCursor.Of(page[size - 1]) : null;
        if (next is not null) page.RemoveAt(page.Count - 1);

        var items = await db.Items.WhereIdIn(i => i.Id, page.Select(r => r.ItemId).ToList()).Select(ListedItem.Of).AsNoTracking()
            .ToDictionaryAsync(i => i.Id, ct);
        var names = await mediator.Send(new GetUserNames(teamId, page.Select(r => r.CreatedBy).Distinct().ToList()), ct);
        // An item trashed between the two reads is left out, as it would be a moment later.
        var shared = page.Where(r => items.ContainsKey(r.ItemId))
            .Select(r => new SharedItemDto(items[r.ItemId].ToDto(r.Role), r.Role, names.GetValueOrDefault(r.CreatedBy, "someone"), r.CreatedAt))
            .ToList();
        return Outcome<SharedPage>.Success(new SharedPage(shared, next?.Encode()));
    }
}

/// <summary>
/// Where a page of shared-with-me ended: the share time and the item, the order it is listed in (newest first, ties by item),
/// so keyset paging neither skips nor repeats an item.
/// </summary>
internal sealed record SharedCursor(long SharedAtTicks, Guid ItemId)
{
    /// <summary>An item's best grant: the one shown (the highest role, and of those the first given).</summary>
    internal sealed record Row(Guid ItemId, AccessRole Role, Guid CreatedBy, DateTime CreatedAt);

    public static SharedCursor Of(Row row) => new(row.CreatedAt.Ticks, row.ItemId);

    /// <summary>True when <paramref name="row"/> is listed after this cursor.</summary>
    public bool Precedes(Row row) => row.CreatedAt.Ticks < SharedAtTicks || (row.CreatedAt.Ticks == SharedAtTicks && row.ItemId.CompareTo(ItemId) < 0);

    public string Encode() => KeysetPages.Encode($"{SharedAtTicks.ToString(CultureInfo.InvariantCulture)}|{ItemId:N}");

    /// <summary>False for a damaged cursor; an empty one is the first page.</summary>
    public static bool TryDecode(string? text, out SharedCursor? cursor)
    {
        cursor = null;
        if (string.IsNullOrEmpty(text)) return true;
        var parts = KeysetPages.Decode(text)?.Split('|');
        if (parts is not [var at, var id] || !long.TryParse(at, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || !Guid.TryParseExact(id, "N", out var item)) return false;
        cursor = new SharedCursor(ticks, item);
        return true;
    }
}

internal static class SharedWithMeEndpoint
{
    /// <summary>GET /api/shared-with-me?limit=&amp;after=, with a <c>Link: &lt;…&gt;; rel="next"</c> header while more follow.</summary>
    public static async Task<Results<Ok<IReadOnlyList<SharedItemDto>>, Refusal>> Handle(int? limit, string? after,
        HttpResponse response, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new ListSharedWithMe(user.GetUserId(), user.GetTeamId(), limit, after), ct)).ToHttp(page =>
        {
            if (page.Next is { } next) response.Headers.Link = $"</api/shared-with-me?limit={limit}&after={next}>; rel=\"next\"";
            return TypedResults.Ok(page.Items);
        });
}
