using TeamShare.SharedKernel.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;
using TeamShare.Identity.Contracts;
using TeamShare.Spaces.Contracts;
using TeamShare.Spaces.Data;
using TeamShare.Spaces.Items;

namespace TeamShare.Spaces.Access;

/// <summary>
/// SP-8, the single judge of access: the highest of ownership and grants (to the user, their departments, the whole
/// team) on the item or any folder above it. Four indexed queries whatever the depth or number of departments; two when the
/// asker owns the item itself.
/// </summary>
internal sealed class EffectiveRoles(SpacesDbContext db, IMediator mediator)
{
    private PrincipalGroups? _groups;

    /// <summary>Asked once per request: a folder listing checks the folder and then its children with the same answer.</summary>
    private async Task<PrincipalGroups?> GroupsAsync(Guid userId, CancellationToken ct) =>
        _groups is { } known && known.UserId == userId ? known : _groups = await mediator.Send(new GetPrincipalGroups(userId), ct);

    public async Task<(Item Item, AccessRole Role)?> ForItemAsync(Guid userId, Guid teamId, Guid itemId, CancellationToken ct)
    {
        var item = await ItemById.FindAsync(db, itemId, teamId, ct);
        if (item is null) return null;
        return (item, await RoleOnAsync(userId, teamId, item, ct));
    }

    public async Task<AccessRole> RoleOnAsync(Guid userId, Guid teamId, Item item, CancellationToken ct)
    {
        var groups = await GroupsAsync(userId, ct);
        if (groups is null || !groups.IsActive || groups.TeamId != teamId || item.TeamId != teamId) return AccessRole.None;

        var chain = item.SelfAndAncestors().ToList();
        // Owning the item itself is the highest role there is: no query needed for the common case of one's own files.
        var role = item.OwnerUserId == userId || await db.Items.AnyAsync(i => chain.Contains(i.Id) && i.OwnerUserId == userId, ct)
            ? AccessRole.Owner
            : await HighestGrantAsync(chain, groups, ct);

        // SP-6: while in the trash only the owner still reaches it.
        return item.TrashedAt is not null && role != AccessRole.Owner ? AccessRole.None : role;
    }

    /// <summary>Roles on several items (any folders) with the same four queries as one: the chains are merged.</summary>
    public async Task<List<(Item Item, AccessRole Role)>> ForItemsAsync(Guid userId, Guid teamId, IReadOnlyList<Guid> itemIds, CancellationToken ct)
    {
        var ids = itemIds.Distinct().ToList();
        var items = await db.Items.AsNoTracking().Where(i => i.TeamId == teamId).WhereIdIn(i => i.Id, ids).ToListAsync(ct);
        if (items.Count == 0) return [];
        var groups = await GroupsAsync(userId, ct);
        if (groups is null || !groups.IsActive || groups.TeamId != teamId) return items.Select(i => (i, AccessRole.None)).ToList();

        // A sharer's link to their own items (the common link open): ownership decides, no further query.
        var order = ids.Select((id, index) => (id, index)).ToDictionary(x => x.id, x => x.index);
        if (items.All(i => i.OwnerUserId == userId))
            return items.OrderBy(i => order[i.Id]).Select(i => (i, AccessRole.Owner)).ToList();
        var chains = items.ToDictionary(i => i.Id, i => i.SelfAndAncestors().ToList());
        var all = chains.Values.SelectMany(c => c).Distinct().ToList();
        var owned = (await db.Items.AsNoTracking().Where(i => i.OwnerUserId == userId).WhereIdIn(i => i.Id, all).Select(i => i.Id).ToListAsync(ct)).ToHashSet();
        var grants = await MatchingGrants(all, groups).Select(g => new { g.ItemId, g.Role }).ToListAsync(ct);
        return items.OrderBy(i => order[i.Id]).Select(item =>
        {
            var chain = chains[item.Id];
            var role = chain.Any(owned.Contains) ? AccessRole.Owner
                : grants.Where(g => chain.Contains(g.ItemId)).Select(g => g.Role).DefaultIfEmpty(AccessRole.None).Max();
            return (item, item.TrashedAt is not null && role != AccessRole.Owner ? AccessRole.None : role);
        }).ToList();
    }

    /// <summary>Roles for a folder's children in one query, given the role already known on the folder.</summary>
    public async Task<Dictionary<Guid, AccessRole>> ForChildrenAsync(
        Guid userId, AccessRole folderRole, IReadOnlyList<Item> children, CancellationToken ct)
    {
        var result = children.ToDictionary(c => c.Id, c => c.OwnerUserId == userId ? AccessRole.Owner : folderRole);
        if (folderRole == AccessRole.Owner || children.Count == 0) return result;
        var groups = await GroupsAsync(userId, ct);
        if (groups is null) return result;
        var ids = children.Select(c => c.Id).ToList();
        var grants = await MatchingGrants(ids, groups).Select(g => new { g.ItemId, g.Role }).ToListAsync(ct);
        foreach (var g in grants)
            if (g.Role > result[g.ItemId]) result[g.ItemId] = g.Role;
        return result;
    }

    private async Task<AccessRole> HighestGrantAsync(List<Guid> chain, PrincipalGroups groups, CancellationToken ct)
    {
        var roles = await MatchingGrants(chain, groups).Select(g => (int)g.Role).ToListAsync(ct);
        return roles.Count == 0 ? AccessRole.None : (AccessRole)roles.Max();
    }

    private IQueryable<Grant> MatchingGrants(List<Guid> itemIds, PrincipalGroups groups)
    {
        var userId = (Guid?)groups.UserId;
        var departments = groups.DepartmentIds.Select(d => (Guid?)d).ToList();
        return db.Grants.AsNoTracking().WhereIdIn(g => g.ItemId, itemIds).Where(g => g.TeamId == groups.TeamId &&
            ((g.PrincipalKind == PrincipalKinds.User && g.PrincipalId == userId) ||
             (g.PrincipalKind == PrincipalKinds.Department && departments.Contains(g.PrincipalId)) ||
             g.PrincipalKind == PrincipalKinds.Organisation));
    }
}
