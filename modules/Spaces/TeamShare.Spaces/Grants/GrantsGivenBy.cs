using Mediator;
using Microsoft.EntityFrameworkCore;
using TeamShare.Spaces.Access;
using TeamShare.Spaces.Contracts;
using TeamShare.Spaces.Data;

namespace TeamShare.Spaces.Grants;

/// <summary>One query for the page of grants (on the giver's index), one batched SP-8 answer for their items.</summary>
internal sealed class ListGrantsGivenByHandler(SpacesDbContext db, EffectiveRoles roles) : IRequestHandler<ListGrantsGivenBy, IReadOnlyList<GivenGrant>>
{
    public async ValueTask<IReadOnlyList<GivenGrant>> Handle(ListGrantsGivenBy r, CancellationToken ct)
    {
        var query = from g in db.Grants
                    join i in db.Items on g.ItemId equals i.Id
                    // A grant on a space's top folder is the space's membership, set in the admin console, not a share.
                    where g.CreatedBy == r.UserId && g.TeamId == r.TeamId && i.ParentId != null
                    select new { Grant = g, ItemName = i.Name };
        if (!string.IsNullOrWhiteSpace(r.ItemName))
        {
            var name = r.ItemName.Trim().ToLower();
            query = query.Where(x => x.ItemName.ToLower().Contains(name));
        }
        if (r.CreatedFrom is { } from) query = query.Where(x => x.Grant.CreatedAt >= from.ToUniversalTime());
        if (r.CreatedTo is { } to) query = query.Where(x => x.Grant.CreatedAt < to.ToUniversalTime());
        if (r.Before is { } before) query = query.Where(x => x.Grant.Id.CompareTo(before) < 0);
        var grants = await query.OrderByDescending(x => x.Grant.Id).Take(r.Take).Select(x => x.Grant).AsNoTracking().ToListAsync(ct);
        if (grants.Count == 0) return [];
        var items = (await roles.ForItemsAsync(r.UserId, r.TeamId, grants.Select(g => g.ItemId).ToList(), ct))
            .ToDictionary(a => a.Item.Id, a => new ItemAccess(a.Item.ToSummary(), a.Role));
        return grants.Where(g => items.ContainsKey(g.ItemId))
            .Select(g => new GivenGrant(g.Id, g.PrincipalKind, g.PrincipalId, g.Role, g.CreatedAt, items[g.ItemId])).ToList();
    }
}
