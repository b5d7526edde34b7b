using Mediator;
using Microsoft.EntityFrameworkCore;
using TeamShare.SharedKernel.Caching;
using TeamShare.SharedKernel.Data;
using TeamShare.Spaces.Blobs;
using TeamShare.Spaces.Contracts;
using TeamShare.Spaces.Data;
using TeamShare.Spaces.Items;

namespace TeamShare.Spaces.Access;

/// <summary>
/// SP-8 for other modules (invitations, the share dialog, chat posts), by (user, team, item) from a cache that serves an
/// answer while nothing in its team has changed since (issue 24, B4; ADR 0031): a role follows only from rows the change
/// feed watches (items, grants, members, departments).
/// </summary>
internal sealed class GetItemAccessHandler(EffectiveRoles roles, ChangeFeedCache<(Guid User, Guid Team, Guid Item), ItemAccess> cache)
    : IRequestHandler<GetItemAccess, ItemAccess?>
{
    public ValueTask<ItemAccess?> Handle(GetItemAccess request, CancellationToken ct) =>
        cache.GetOrLoadAsync((request.UserId, request.TeamId, request.ItemId), (Roles: roles, Request: request),
            static async (read, ct) =>
                await read.Roles.ForItemAsync(read.Request.UserId, read.Request.TeamId, read.Request.ItemId, ct) is { } result
                    ? new ItemAccess(result.Item.ToSummary(), result.Role)
                    : null, ct);
}

internal sealed class GetItemsAccessHandler(EffectiveRoles roles) : IRequestHandler<GetItemsAccess, IReadOnlyList<ItemAccess>>
{
    public async ValueTask<IReadOnlyList<ItemAccess>> Handle(GetItemsAccess request, CancellationToken ct) =>
        (await roles.ForItemsAsync(request.UserId, request.TeamId, request.ItemIds, ct))
        .Select(r => new ItemAccess(r.Item.ToSummary(), r.Role)).ToList();
}

internal sealed class ResolveSharedItemHandler(SpacesDbContext db) : IRequestHandler<ResolveSharedItem, SharedItem?>
{
    public async ValueTask<SharedItem?> Handle(ResolveSharedItem request, CancellationToken ct)
    {
        var item = await db.Items.AsNoTracking()
            .FirstOrDefaultAsync(i => i.Id == request.ItemId && i.TeamId == request.TeamId && i.TrashedAt == null, ct);
        if (item is null) return null;
        var chain = item.SelfAndAncestors().ToList();
        // The nearest shared root above (or at) the item; what lies below it is what the link reaches into.
        var root = chain.FindLastIndex(request.RootIds.Contains);
        if (root < 0) return null;
        var below = chain.Skip(root + 1).ToList();
        var restricted = below.Count == 0 ? [] : await db.Items.AsNoTracking()
            .Where(i => below.Contains(i.Id) && i.Kind == ItemKinds.Folder && i.LinkRestricted).Select(i => i.Id).ToListAsync(ct);
        return new SharedItem(item.ToSummary(), restricted);
    }
}

internal sealed class ListSharedChildrenHandler(SpacesDbContext db) : IRequestHandler<ListSharedChildren, IReadOnlyList<ItemSummary>>
{
    public async ValueTask<IReadOnlyList<ItemSummary>> Handle(ListSharedChildren request, CancellationToken ct)
    {
        var items = await FolderLookup.ChildrenOf(db, request.TeamId, request.FolderId).ToListAsync(ct);
        return items.Select(i => i.ToSummary()).ToList();
    }
}

internal sealed class OpenItemContentHandler(SpacesDbContext db, IBlobStore blobs, KeptItems items)
    : IRequestHandler<OpenItemContent, ItemContent?>, IRequestHandler<OpenItemContents, IReadOnlyDictionary<Guid, ItemContent>>
{
    public async ValueTask<IReadOnlyDictionary<Guid, ItemContent>> Handle(OpenItemContents request, CancellationToken ct) =>
        (await db.Items.AsNoTracking().Where(i => i.TeamId == request.TeamId && i.Kind == ItemKinds.File && i.ContentSha256 != null)
            .WhereIdIn(i => i.Id, request.ItemIds).ToListAsync(ct)).ToDictionary(i => i.Id, i => ContentOf(i, blobs));

    public async ValueTask<ItemContent?> Handle(OpenItemContent request, CancellationToken ct) =>
        await items.FindAsync(db, request.ItemId, request.TeamId, ct) is { Kind: ItemKinds.File, ContentSha256: not null } item
            ? ContentOf(item, blobs)
            : null;

    public static ItemContent ContentOf(Item item, IBlobStore blobs) =>
        new(item.Name, item.ContentType ?? "application/octet-stream", item.Size, item.ContentSha256!, item.ModifiedAt,
            () => blobs.OpenRead(item.ContentSha256!, item.Size));
}
