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
        // Item first: the listed items' link rows by their index, and for each row its link by key. The liveness test sits in
        // the select list, where neither SQLite nor PostgreSQL turns it into a join: as a join (or a WHERE EXISTS, which
        // PostgreSQL flattens) the planner could walk every link of the team (100 000 in a busy one) and probe per listed item.
        var rows = await db.LinkItems.AsNoTracking().WhereIdIn(i => i.ItemId, request.ItemIds)
            .Select(i => new
            {
                i.ItemId,
                Live = db.Links.Any(s => s.Id == i.ShareId && s.TeamId == request.TeamId && s.CanceledAt == null
                    && (s.ExpiresAt == null || s.ExpiresAt > now)),
            })
            .ToListAsync(ct);
        var linked = rows.Where(r => r.Live).Select(r => r.ItemId);
        return linked.ToHashSet();
    }
}
