using TeamShare.SharedKernel.Data;
using Microsoft.EntityFrameworkCore;
using TeamShare.Spaces.Access;
using TeamShare.Spaces.Contracts;
using TeamShare.Spaces.Data;

namespace TeamShare.Spaces.Items;

/// <summary>Finds the folder a space route points at (its root when no parent is given), with the caller's role on it.</summary>
internal sealed class FolderLookup(SpacesDbContext db, EffectiveRoles roles, PersonalSpaces personal)
{
    public async Task<(Item Folder, AccessRole Role)?> FindAsync(Guid userId, Guid teamId, Guid spaceId, Guid? parentId, CancellationToken ct)
    {
        // A member's own personal space may not exist yet when a script calls it first.
        var space = await db.Spaces.AsNoTracking().FirstOrDefaultAsync(s => s.Id == spaceId && s.TeamId == teamId, ct);
        if (space is null) return null;
        if (space.PersonalOwnerId == userId) await personal.EnsureAsync(userId, teamId, ct);
        var folderId = parentId ?? space.RootItemId;
        var folder = await db.Items.AsNoTracking().FirstOrDefaultAsync(
            i => i.Id == folderId && i.SpaceId == spaceId && i.TeamId == teamId && i.Kind == ItemKinds.Folder, ct);
        if (folder is null) return null;
        var role = await roles.RoleOnAsync(userId, teamId, folder, ct);
        return role == AccessRole.None ? null : (folder, role);
    }

    /// <summary>A folder's children that are not in the trash, folders first, then by name.</summary>
    public static IQueryable<Item> ChildrenOf(SpacesDbContext db, Guid teamId, Guid folderId) =>
        db.Items.AsNoTracking().Where(i => i.TeamId == teamId && i.ParentId == folderId && i.TrashedAt == null)
            .OrderBy(i => i.Kind == ItemKinds.Folder ? 0 : 1).ThenBy(i => i.NameKey);

    /// <summary>The children with the caller's role on each: one query for the items, one for their own grants,
    /// one for whom each is shared with.</summary>
    public async Task<IReadOnlyList<ItemDto>> ChildrenAsync(Guid userId, Item folder, AccessRole folderRole, CancellationToken ct) =>
        (await PageAsync(userId, folder, folderRole, after: null, limit: null, ct)).Items;

    /// <summary>Up to <paramref name="limit"/> children (all when null) after <paramref name="after"/>, in listing order.</summary>
    public async Task<FolderPage> PageAsync(Guid userId, Item folder, AccessRole folderRole, FolderCursor? after, int? limit, CancellationToken ct)
    {
        var query = ChildrenOf(db, folder.TeamId, folder.Id);
        if (after is { } c)
            query = query.Where(i => (i.Kind == ItemKinds.Folder ? 0 : 1) > c.KindOrder
                                     || ((i.Kind == ItemKinds.Folder ? 0 : 1) == c.KindOrder && string.Compare(i.NameKey, c.NameKey) > 0));
        var children = await (limit is { } n ? query.Take(n + 1) : query).ToListAsync(ct);
        FolderCursor? next = null;
        if (limit is { } max && children.Count > max)
        {
            children.RemoveAt(max);
            var last = children[^1];
            next = new FolderCursor(last.Kind == ItemKinds.Folder ? 0 : 1, last.NameKey);
        }
        var childRoles = await roles.ForChildrenAsync(userId, folderRole, children, ct);
        var ids = children.Select(c => c.Id).ToList();
        var shared = (await db.Grants.AsNoTracking().Where(g => g.TeamId == folder.TeamId).WhereIdIn(g => g.ItemId, ids)
                .Select(g => new { g.ItemId, g.PrincipalKind }).Distinct().ToListAsync(ct))
            .ToLookup(g => g.ItemId, g => g.PrincipalKind);
        return new FolderPage(children.Select(c => c.ToDto(childRoles[c.Id]) with { SharedWith = shared[c.Id].Order().ToList() }).ToList(), next);
    }
}
