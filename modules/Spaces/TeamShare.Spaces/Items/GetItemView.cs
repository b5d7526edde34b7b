using Mediator;
using Microsoft.EntityFrameworkCore;
using TeamShare.Spaces.Access;
using TeamShare.Spaces.Blobs;
using TeamShare.Spaces.Contracts;
using TeamShare.Spaces.Data;
using TeamShare.Spaces.Starred;
using TeamShare.Spaces.Preview;
using TeamShare.Spaces.Versions;

namespace TeamShare.Spaces.Items;

/// <param name="EditableText">The current text, for an editor of a text file small enough to edit in the browser.</param>
/// <param name="Folders">Where an editor may move or copy it: the space's folders they may open.</param>
internal sealed record ItemView(ItemDto Item, IReadOnlyList<VersionDto> Versions, IReadOnlyList<FolderChoice> Folders,
    bool CanPreview, string? EditableText, string BackUrl);

/// <summary>A file's page (SP-4, SP-5, SP-7): null when the viewer may not see it, or it is a folder or in the trash.</summary>
internal sealed record GetItemView(Guid UserId, Guid TeamId, Guid ItemId) : IRequest<ItemView?>;

internal sealed class GetItemViewHandler(EffectiveRoles roles, SpacesDbContext db, IBlobStore blobs, IMediator mediator, VisibleSpaces visible) : IRequestHandler<GetItemView, ItemView?>
{
    public async ValueTask<ItemView?> Handle(GetItemView request, CancellationToken ct)
    {
        var found = await roles.ForItemAsync(request.UserId, request.TeamId, request.ItemId, ct);
        if (found is not { Role: > AccessRole.None } f || f.Item.Kind != ItemKinds.File || f.Item.TrashedAt is not null) return null;
        var (item, role) = f;
        string? text = null;
        if (role >= AccessRole.Editor && Previews.IsText(item) && item.Size <= Previews.MaxMarkdownBytes)
        {
            using var reader = new StreamReader(blobs.OpenRead(item.ContentSha256!, item.Size));
            text = await reader.ReadToEndAsync(ct);
        }
        var folders = role >= AccessRole.Editor
            ? await FolderPaths.OfSpacesAsync(db, roles, request.UserId, request.TeamId, await visible.ForMovingAsync(request.UserId, request.TeamId, item.SpaceId, ct), ct)
            : [];
        var starred = (await db.StarredAsync(request.UserId, [item.Id], ct)).Count > 0;
        return new ItemView(item.ToDto(role) with { Starred = starred }, await VersionHistory.ListAsync(db, mediator, item, ct), folders, Previews.CanShow(item), text,
            $"/files?space={item.SpaceId}&folder={item.ParentId}");
    }
}
