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
        // Item first: the listed items' link rows by their index, and for each row its link by key. The liveness test is a
        // scalar subquery in the select list, which both SQLite and PostgreSQL run per row by key: as a join, a WHERE EXISTS
        // (flattened) or an EXISTS in the select list (hashed), PostgreSQL could walk every link of the team (100 000 in a busy
        // one) first; SQLite did so for the join.
        var rows = await db.LinkItems.AsNoTracking().WhereIdIn(i => i.ItemId, request.ItemIds)
            .Select(i => new
            {
                i.ItemId,
                Live = db.Links.Where(s => s.Id == i.ShareId && s.TeamId == request.TeamId && s.CanceledAt == null
                    && (s.ExpiresAt == null || s.ExpiresAt > now)).Select(s => true).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var linked = rows.Where(r => r.Live).Select(r => r.ItemId);
        return linked.ToHashSet();
    }
}
