using Mediator;
using Microsoft.EntityFrameworkCore;
using TeamShare.Spaces.Access;
using TeamShare.Spaces.Contracts;
using TeamShare.Spaces.Data;

namespace TeamShare.Spaces.Items;

/// <param name="Open">False for folders above that the viewer may not open: shown as "…", never named or linked.</param>
internal sealed record Crumb(Guid? FolderId, string Name, bool Open = true);

/// <param name="Folders">Where the page's move dialog may send items: the folders of any of their spaces the viewer may add to.</param>
/// <param name="Next">Where the next page starts, when the folder holds more than one page.</param>
internal sealed record FolderView(IReadOnlyList<SpaceDto> Spaces, SpaceDto Space, Guid FolderId, AccessRole FolderRole,
    IReadOnlyList<Crumb> Breadcrumbs, IReadOnlyList<ItemDto> Items, IReadOnlyList<FolderChoice> Folders, FolderCursor? Next);

/// <summary>
/// The files page (SP-1, SP-2): the member's spaces, where they are, and one page of the folder in the order asked for.
/// Null when the space or folder is not one they may open. No space given: their personal space.
/// </summary>
internal sealed record GetFolderView(Guid UserId, Guid TeamId, Guid? SpaceId, Guid? FolderId, FolderSort Sort, FolderCursor? After, int PageSize)
    : IRequest<FolderView?>;

internal sealed class GetFolderViewHandler(VisibleSpaces visible, FolderLookup folders, EffectiveRoles roles, SpacesDbContext db)
    : IRequestHandler<GetFolderView, FolderView?>
{
    public async ValueTask<FolderView?> Handle(GetFolderView request, CancellationToken ct)
    {
        var (userId, teamId) = (request.UserId, request.TeamId);
        var spaces = await visible.ForAsync(userId, teamId, ct);
        var found = await folders.FindAsync(userId, teamId, request.SpaceId ?? spaces[0].Id, request.FolderId, ct);
        if (found is null) return null;
        var (current, role) = found.Value;
        var spaceRow = await db.Spaces.AsNoTracking().FirstAsync(s => s.Id == current.SpaceId, ct);

        var chain = current.SelfAndAncestors().ToList();
        // SP-8 for every folder above: one reached only through a share further down is not named (issue 14 finding 4).
        var above = (await roles.ForItemsAsync(userId, teamId, chain, ct)).ToDictionary(a => a.Item.Id);
        var breadcrumbs = chain.Select((id, index) => above.GetValueOrDefault(id) is { Role: > AccessRole.None } a
                ? new Crumb(index == 0 ? null : id, index == 0 ? visible.NameOf(spaceRow) : a.Item.Name)
                : new Crumb(null, "…", Open: false))
            .Where((c, index) => c.Open || index == 0 || above.GetValueOrDefault(chain[index - 1]).Role > AccessRole.None).ToList();

        var page = await folders.PageAsync(userId, current, role, request.After, request.PageSize, ct, request.Sort);
        var targets = page.Items.Count > 0 ? await FolderPaths.OfSpacesAsync(db, roles, userId, teamId,
            await visible.ForMovingAsync(userId, teamId, current.SpaceId, ct, spaces), ct) : [];
        return new FolderView(spaces, new SpaceDto(spaceRow.Id, visible.NameOf(spaceRow), spaceRow.Kind, spaceRow.RootItemId, role), current.Id, role,
            breadcrumbs, page.Items, targets, page.Next);
    }
}
