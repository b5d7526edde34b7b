using Mediator;
using Microsoft.EntityFrameworkCore;
using TeamShare.Links.Contracts;
using TeamShare.Links.Data;
using TeamShare.SharedKernel.Data;

namespace TeamShare.Links.LinkedItems;

internal sealed class GetLinkedItemsHandler(LinksDbContext db, TimeProvider clock) : IRequestHandler<GetLinkedItems, IReadOnlySet<Guid>>
{
    public async ValueTask<IReadOnlySet<Guid>> Handle(GetLinkedItems request, CancellationToken ct)
    {
        if (request.ItemIds.Count == 0) return new HashSet<Guid>();
        var now = clock.GetUtcNow().UtcDateTime;
        var linked = await db.LinkItems.AsNoTracking().WhereIdIn(i => i.ItemId, request.ItemIds)
            .Join(db.Links.Where(s => s.TeamId == request.TeamId && s.CanceledAt == null && (s.ExpiresAt == null || s.ExpiresAt > now)),
                i => i.ShareId, s => s.Id, (i, _) => i.ItemId)
            .Distinct().ToListAsync(ct);
        return linked.ToHashSet();
    }
}
