using Mediator;
using Microsoft.EntityFrameworkCore;
using TeamShare.Identity.Contracts;
using TeamShare.Spaces.Contracts;
using TeamShare.Spaces.Data;
using TeamShare.Spaces.Items;

namespace TeamShare.Spaces.Grants;

internal sealed record SharedItemDto(ItemDto Item, AccessRole Role, string SharedBy, DateTime SharedAt);

/// <summary>
/// SH-10: items granted to the caller directly, through a department they are in now, or to the whole team; not their own,
/// not in the trash, not whole team spaces (those are listed as spaces). One grant query, one name lookup.
/// </summary>
internal sealed record ListSharedWithMe(Guid UserId, Guid TeamId) : IRequest<IReadOnlyList<SharedItemDto>>;

internal sealed class ListSharedWithMeHandler(SpacesDbContext db, IMediator mediator) : IRequestHandler<ListSharedWithMe, IReadOnlyList<SharedItemDto>>
{
    public async ValueTask<IReadOnlyList<SharedItemDto>> Handle(ListSharedWithMe request, CancellationToken ct)
    {
        var (userId, teamId) = (request.UserId, request.TeamId);
        var groups = await mediator.Send(new GetPrincipalGroups(userId), ct);
        if (groups is null || !groups.IsActive) return [];
        var me = (Guid?)userId;
        var departments = groups.DepartmentIds.Select(d => (Guid?)d).ToList();
        // Only what the list shows of each item (ListedItem): a long list would otherwise read every path and key with it.
        var rows = await (from g in db.Grants
                          join i in db.Items.Where(i => i.TrashedAt == null && i.ParentId != null && i.OwnerUserId != userId).Select(ListedItem.Of)
                              on g.ItemId equals i.Id
                          where g.TeamId == teamId
                                && ((g.PrincipalKind == PrincipalKinds.User && g.PrincipalId == me)
                                    || (g.PrincipalKind == PrincipalKinds.Department && departments.Contains(g.PrincipalId))
                                    || g.PrincipalKind == PrincipalKinds.Organisation)
                          select new { Item = i, g.Role, g.CreatedBy, g.CreatedAt }).AsNoTracking().ToListAsync(ct);
        var names = await mediator.Send(new GetUserNames(teamId, rows.Select(r => r.CreatedBy).ToList()), ct);
        return rows.GroupBy(r => r.Item.Id)
            .Select(g =>
            {
                var best = g.OrderByDescending(r => r.Role).ThenBy(r => r.CreatedAt).First();
                return new SharedItemDto(best.Item.ToDto(best.Role), best.Role, names.GetValueOrDefault(best.CreatedBy, "someone"), best.CreatedAt);
            })
            .OrderByDescending(s => s.SharedAt).ToList();
    }
}
