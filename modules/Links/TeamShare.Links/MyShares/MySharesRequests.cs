using Mediator;
using Microsoft.EntityFrameworkCore;
using TeamShare.Links.Create;
using TeamShare.Links.Data;
using TeamShare.SharedKernel.Validation;
using TeamShare.Spaces.Contracts;

namespace TeamShare.Links.MyShares;

/// <summary>LK-4: the owner's shares, filtered and paged.</summary>
internal sealed record ListMyShares(Guid OwnerId, Guid TeamId, ShareQuery Query) : IRequest<SharePage>;

internal sealed class ListMySharesValidator : IValidator<ListMyShares>
{
    public IReadOnlyDictionary<string, string[]> Validate(ListMyShares request) => request.Query switch
    {
        { Status: { Length: > 0 } status } when !LinkMapping.Statuses.Contains(status) =>
            Invalid.Field("status", $"Choose one of: {string.Join(", ", LinkMapping.Statuses)}."),
        { PageSize: < 1 or > MySharesQuery.MaxPageSize } => Invalid.Field("pageSize", $"Use 1 to {MySharesQuery.MaxPageSize}."),
        { CreatedFrom: { } from, CreatedTo: { } to } when from > to => Invalid.Field("createdFrom", "The start must be before the end."),
        _ => Invalid.None,
    };
}

/// <param name="Items">What the share holds, in its order, as far as the owner may still see it.</param>
internal sealed record MyShareView(LinkResponse Share, IReadOnlyList<ItemSummary> Items);

/// <summary>One of the owner's shares with its status and its link again (issue 12); null when it is not theirs.</summary>
internal sealed record GetMyShare(Guid OwnerId, Guid TeamId, Guid ShareId) : IRequest<MyShareView?>;

internal sealed class ListMySharesHandler(MySharesQuery query, LinkUrls urls) : IRequestHandler<ListMyShares, SharePage>
{
    public async ValueTask<SharePage> Handle(ListMyShares request, CancellationToken ct) =>
        await query.ListAsync(request.OwnerId, request.TeamId, request.Query, await urls.BaseAsync(request.TeamId, ct), ct);
}

internal sealed class GetMyShareHandler(LinksDbContext db, MySharesQuery query, LinkUrls urls, LinkTokenVault vault, TimeProvider clock, IMediator mediator)
    : IRequestHandler<GetMyShare, MyShareView?>
{
    public async ValueTask<MyShareView?> Handle(GetMyShare request, CancellationToken ct)
    {
        var share = await db.Links.AsNoTracking().Include(s => s.Items)
            .FirstOrDefaultAsync(s => s.Id == request.ShareId && s.OwnerUserId == request.OwnerId, ct);
        if (share is null) return null;
        var now = clock.GetUtcNow().UtcDateTime;
        var status = (await query.StatusesAsync([share], request.TeamId, now, ct))[share.Id];
        var url = LinkUrls.Again(await urls.BaseAsync(share.TeamId, ct), share, vault);
        var ids = share.Items.OrderBy(i => i.Position).Select(i => i.ItemId).ToList();
        var visible = (await mediator.Send(new GetItemsAccess(request.OwnerId, request.TeamId, ids), ct))
            .Where(a => a.Role > AccessRole.None).ToDictionary(a => a.Item.Id, a => a.Item);
        return new MyShareView(LinkMapping.ToResponse(share, url, now, status: status), ids.Where(visible.ContainsKey).Select(id => visible[id]).ToList());
    }
}
