using Microsoft.AspNetCore.Http.HttpResults;
using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using TeamShare.SharedKernel.Http;
using TeamShare.SharedKernel.Security;
using TeamShare.Spaces.Access;
using TeamShare.Spaces.Blobs;
using TeamShare.Spaces.Contracts;
using TeamShare.Spaces.Data;
using TeamShare.Spaces.Versions;

namespace TeamShare.Spaces.Items;

internal sealed record CopyItemRequest(Guid? ParentId);

/// <summary>SP-7: copy needs Editor on the source and on the target; the copy belongs to the caller and shares the blobs.</summary>
/// <param name="Name">The copy's name (WebDAV names the destination); the source's when null. A clash is renamed.</param>
/// <param name="Deep">False copies a folder without its contents (WebDAV COPY with Depth: 0).</param>
internal sealed record CopyItem(Guid UserId, Guid TeamId, Guid Id, Guid? ParentId, string? Name = null, bool Deep = true)
    : IRequest<Outcome<ItemDto>>;

internal sealed class CopyItemHandler(SpacesDbContext db, EffectiveRoles roles, ItemWriter writer, IBlobStore blobs, TimeProvider clock)
    : IRequestHandler<CopyItem, Outcome<ItemDto>>
{
    public async ValueTask<Outcome<ItemDto>> Handle(CopyItem request, CancellationToken ct)
    {
        var (userId, teamId, id, parentId, name, deep) = (request.UserId, request.TeamId, request.Id, request.ParentId, request.Name, request.Deep);
        var found = await roles.ForItemAsync(userId, teamId, id, ct);
        if (found is not { Role: > AccessRole.None } f || f.Item.TrashedAt is not null) return Outcome<ItemDto>.NotFound();
        if (f.Role < AccessRole.Editor) return Outcome<ItemDto>.Forbidden("Viewers cannot copy.", "role_too_low");
        if (f.Item.ParentId is null) return Outcome<ItemDto>.Invalid("id", "A whole space cannot be copied.");
        var to = await roles.ForItemAsync(userId, teamId, parentId ?? f.Item.ParentId.Value, ct);
        if (to is not { Role: > AccessRole.None } t || t.Item.Kind != ItemKinds.Folder || t.Item.TrashedAt is not null)
            return Outcome<ItemDto>.Invalid("parentId", "Choose a folder you can see.");
        if (t.Role < AccessRole.Editor) return Outcome<ItemDto>.Forbidden("You can view that folder but not add to it.", "role_too_low");
        if (t.Item.SelfAndAncestors().Contains(id)) return Outcome<ItemDto>.Invalid("parentId", "A folder cannot be copied into itself.");

        var source = f.Item;
        if (source.ContentSha256 is { } hash) await blobs.RetainAsync(hash, ct);
        var top = await writer.AddAsync(t.Item, name ?? source.Name, source.Kind, userId, CopyContent(source), ct);
        if (source.Kind == ItemKinds.Folder && deep) await CopyDescendantsAsync(source, top, userId, ct);
        return Outcome<ItemDto>.Success(top.ToDto(AccessRole.Owner));
    }

    private static Action<Item> CopyContent(Item source) => copy =>
    {
        copy.Size = source.Size;
        copy.ContentSha256 = source.ContentSha256;
        copy.ContentType = source.ContentType;
    };

    /// <summary>The whole subtree in one read and one write; names cannot clash inside a fresh folder.</summary>
    private async Task CopyDescendantsAsync(Item source, Item top, Guid userId, CancellationToken ct)
    {
        var below = source.ChildPath;
        var descendants = await db.Items.AsNoTracking()
            .Where(i => i.TeamId == source.TeamId && i.TrashedAt == null && i.AncestorPath.StartsWith(below))
            .OrderBy(i => i.AncestorPath.Length).ToListAsync(ct);
        var copies = new Dictionary<Guid, Item> { [source.Id] = top };
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var d in descendants)
        {
            if (!copies.TryGetValue(d.ParentId!.Value, out var parent)) continue;
            var copy = new Item
            {
                Id = Guid.CreateVersion7(), TeamId = top.TeamId, SpaceId = top.SpaceId, ParentId = parent.Id,
                AncestorPath = parent.ChildPath, Name = d.Name, NameKey = d.NameKey, SortKey = d.SortKey, Kind = d.Kind, OwnerUserId = userId,
                CreatedAt = now, ModifiedAt = now,
            };
            CopyContent(d)(copy);
            if (copy.ContentSha256 is { } hash) await blobs.RetainAsync(hash, ct);
            copies[d.Id] = copy;
            db.Items.Add(copy);
            if (copy.ContentSha256 is not null) db.Versions.Add(Versioning.NewVersion(copy, 1, userId, now));
        }
        await db.SaveChangesAsync(ct);
    }
}

internal static class CopyItemEndpoint
{
    public static async Task<Results<Created<ItemDto>, Refusal>> Handle(Guid id, CopyItemRequest body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new CopyItem(user.GetUserId(), user.GetTeamId(), id, body.ParentId), ct))
        .ToHttp(item => TypedResults.Created($"/api/items/{item.Id}", item));
}
