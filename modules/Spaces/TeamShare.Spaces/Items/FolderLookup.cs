using Mediator;
using TeamShare.Links.Contracts;
using TeamShare.SharedKernel.Data;
using Microsoft.EntityFrameworkCore;
using TeamShare.Spaces.Access;
using TeamShare.Spaces.Contracts;
using TeamShare.Spaces.Data;
using TeamShare.Spaces.Starred;

namespace TeamShare.Spaces.Items;

/// <summary>Finds the folder a space route points at (its root when no parent is given), with the caller's role on it.</summary>
internal sealed class FolderLookup(SpacesDbContext db, EffectiveRoles roles, IMediator mediator)
{
    /// <remarks>
    /// One query: a folder of the space by its id, or the space's root through a subquery. The space itself is not read (issue
    /// 24): a folder names its space, and a space that is not the team's has no folder that matches.
    /// </remarks>
    public async Task<(Item Folder, AccessRole Role)?> FindAsync(Guid userId, Guid teamId, Guid spaceId, Guid? parentId, CancellationToken ct)
    {
        var folders = db.Items.AsNoTracking().Where(i => i.SpaceId == spaceId && i.TeamId == teamId && i.Kind == ItemKinds.Folder);
        var folder = parentId is { } id
            ? await folders.FirstOrDefaultAsync(i => i.Id == id, ct)
            : await folders.FirstOrDefaultAsync(i => i.Id == db.Spaces.Where(s => s.Id == spaceId && s.TeamId == teamId).Select(s => s.RootItemId).FirstOrDefault(), ct);
        if (folder is null) return null;
        var role = await roles.RoleOnAsync(userId, teamId, folder, ct);
        return role == AccessRole.None ? null : (folder, role);
    }

    /// <summary>A folder's children that are not in the trash, folders first, then by name (or the order asked for).</summary>
    public static IQueryable<Item> ChildrenOf(SpacesDbContext db, Guid teamId, Guid folderId, FolderSort? sort = null) =>
        Sorted(db.Items.AsNoTracking().Where(i => i.TeamId == teamId && i.ParentId == folderId && i.TrashedAt == null), sort ?? FolderSort.Default);

    private static IQueryable<Item> Sorted(IQueryable<Item> items, FolderSort sort)
    {
        var folders = items.OrderBy(i => i.Kind == ItemKinds.Folder ? 0 : 1);
        var byValue = (sort.Key, sort.Descending) switch
        {
            ("size", false) => folders.ThenBy(i => i.Size),
            ("size", true) => folders.ThenByDescending(i => i.Size),
            ("modified", false) => folders.ThenBy(i => i.ModifiedAt),
            ("modified", true) => folders.ThenByDescending(i => i.ModifiedAt),
            _ => folders,
        };
        return sort is { Key: "name", Descending: true }
            ? byValue.ThenByDescending(i => i.SortKey).ThenByDescending(i => i.NameKey)
            : byValue.ThenBy(i => i.SortKey).ThenBy(i => i.NameKey);
    }

    /// <summary>Strictly after the cursor in the listing order <see cref="Sorted"/> gives.</summary>
    private static System.Linq.Expressions.Expression<Func<Item, bool>> After(FolderCursor c, FolderSort sort)
    {
        // By name: the natural key, then the name key (unique in a folder), which is what the cursor carries.
        var (kind, name, sortKey, size, at) = (c.KindOrder, c.NameKey, ItemNames.SortKey(c.NameKey), c.Value,
            new DateTime(sort.Key == "modified" ? c.Value : 0, DateTimeKind.Utc));
        return (sort.Key, sort.Descending) switch
        {
            ("size", false) => i => (i.Kind == ItemKinds.Folder ? 0 : 1) > kind || ((i.Kind == ItemKinds.Folder ? 0 : 1) == kind
                && (i.Size > size || (i.Size == size && (string.Compare(i.SortKey, sortKey) > 0 || (i.SortKey == sortKey && string.Compare(i.NameKey, name) > 0))))),
            ("size", true) => i => (i.Kind == ItemKinds.Folder ? 0 : 1) > kind || ((i.Kind == ItemKinds.Folder ? 0 : 1) == kind
                && (i.Size < size || (i.Size == size && (string.Compare(i.SortKey, sortKey) > 0 || (i.SortKey == sortKey && string.Compare(i.NameKey, name) > 0))))),
            ("modified", false) => i => (i.Kind == ItemKinds.Folder ? 0 : 1) > kind || ((i.Kind == ItemKinds.Folder ? 0 : 1) == kind
                && (i.ModifiedAt > at || (i.ModifiedAt == at && (string.Compare(i.SortKey, sortKey) > 0 || (i.SortKey == sortKey && string.Compare(i.NameKey, name) > 0))))),
            ("modified", true) => i => (i.Kind == ItemKinds.Folder ? 0 : 1) > kind || ((i.Kind == ItemKinds.Folder ? 0 : 1) == kind
                && (i.ModifiedAt < at || (i.ModifiedAt == at && (string.Compare(i.SortKey, sortKey) > 0 || (i.SortKey == sortKey && string.Compare(i.NameKey, name) > 0))))),
            ("name", true) => i => (i.Kind == ItemKinds.Folder ? 0 : 1) > kind || ((i.Kind == ItemKinds.Folder ? 0 : 1) == kind
                && (string.Compare(i.SortKey, sortKey) < 0 || (i.SortKey == sortKey && string.Compare(i.NameKey, name) < 0))),
            _ => i => (i.Kind == ItemKinds.Folder ? 0 : 1) > kind || ((i.Kind == ItemKinds.Folder ? 0 : 1) == kind
                && (string.Compare(i.SortKey, sortKey) > 0 || (i.SortKey == sortKey && string.Compare(i.NameKey, name) > 0))),
        };
    }

    /// <summary>The children with the caller's role on each: one query for the items, one for their own grants,
    /// one for whom each is shared with, one for which have a link, one for the caller's stars.</summary>
    public async Task<IReadOnlyList<ItemDto>> ChildrenAsync(Guid userId, Item folder, AccessRole folderRole, CancellationToken ct) =>
        (await PageAsync(userId, folder, folderRole, after: null, limit: null, ct)).Items;

    /// <summary>Up to <paramref name="limit"/> children (all when null) after <paramref name="after"/>, in listing order.</summary>
    public async Task<FolderPage> PageAsync(Guid userId, Item folder, AccessRole folderRole, FolderCursor? after, int? limit, CancellationToken ct,
        FolderSort? sort = null)
    {
        sort ??= FolderSort.Default;
        var query = ChildrenOf(db, folder.TeamId, folder.Id, sort);
        if (after is { } c) query = query.Where(After(c, sort));
        var children = await (limit is { } n ? query.Take(n + 1) : query).ToListAsync(ct);
        FolderCursor? next = null;
        if (limit is { } max && children.Count > max)
        {
            children.RemoveAt(max);
            var last = children[^1];
            next = new FolderCursor(last.Kind == ItemKinds.Folder ? 0 : 1, last.NameKey, sort.ValueOf(last), sort.Text);
        }
        var childRoles = await roles.ForChildrenAsync(userId, folderRole, children, ct);
        var ids = children.Select(c => c.Id).ToList();
        var shared = (await db.Grants.AsNoTracking().Where(g => g.TeamId == folder.TeamId).WhereIdIn(g => g.ItemId, ids)
                .Select(g => new { g.ItemId, g.PrincipalKind }).Distinct().ToListAsync(ct))
            .ToLookup(g => g.ItemId, g => g.PrincipalKind);
        var linked = await mediator.Send(new GetLinkedItems(folder.TeamId, ids), ct);
        var starred = await db.StarredAsync(userId, ids, ct);
        return new FolderPage(children.Select(c => c.ToDto(childRoles[c.Id]) with
        {
            SharedWith = shared[c.Id].Order().ToList(), HasLink = linked.Contains(c.Id), Starred = starred.Contains(c.Id),
        }).ToList(), next);
    }
}
