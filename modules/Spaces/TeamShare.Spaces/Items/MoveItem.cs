using TeamShare.SharedKernel.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using TeamShare.SharedKernel.Http;
using TeamShare.SharedKernel.Security;
using TeamShare.Spaces.Access;
using TeamShare.Spaces.Contracts;
using TeamShare.Spaces.Data;

namespace TeamShare.Spaces.Items;

/// <param name="LinkRestricted">Folders only, owner only (AD-8).</param>
internal sealed record UpdateItemRequest(string? Name, Guid? ParentId, bool? LinkRestricted = null);

/// <summary>SP-7: rename and move (the API's PATCH and WebDAV's MOVE). Both need Editor on the item; a move also needs Editor on the target folder.</summary>
internal sealed record MoveItem(Guid UserId, Guid TeamId, Guid Id, UpdateItemRequest Change) : IRequest<Outcome<ItemDto>>;

internal sealed class MoveItemHandler(SpacesDbContext db, EffectiveRoles roles, TimeProvider clock) : IRequestHandler<MoveItem, Outcome<ItemDto>>
{
    public async ValueTask<Outcome<ItemDto>> Handle(MoveItem request, CancellationToken ct)
    {
        var (userId, teamId, id, r) = (request.UserId, request.TeamId, request.Id, request.Change);
        var found = await roles.ForItemAsync(userId, teamId, id, ct);
        if (found is not { Role: > AccessRole.None } f || f.Item.TrashedAt is not null) return Outcome<ItemDto>.NotFound();
        if (f.Role < AccessRole.Editor) return Outcome<ItemDto>.Forbidden("Viewers cannot rename or move.", "role_too_low");
        if (f.Item.ParentId is null) return Outcome<ItemDto>.Invalid("id", "A space's top folder cannot be renamed or moved.");
        if (r.Name is not null && ItemNames.Problem(r.Name) is { } nameProblem) return Outcome<ItemDto>.Invalid("name", nameProblem);
        if (r.LinkRestricted is not null && (f.Role != AccessRole.Owner || f.Item.Kind != ItemKinds.Folder))
            return Outcome<ItemDto>.Forbidden("Only a folder's owner can restrict links to it.", "not_owner");

        var item = await db.Items.FirstAsync(i => i.Id == id, ct);
        var (target, refused) = await TargetAsync(userId, teamId, item, r.ParentId, ct);
        if (refused is not null) return refused;

        var name = r.Name ?? item.Name;
        var clash = await db.Items.AnyAsync(i => i.ParentId == target!.Id && i.TrashedAt == null && i.NameKey == ItemNames.Key(name) && i.Id != item.Id, ct);
        if (clash) return Outcome<ItemDto>.Conflict("name", "Something in that folder already has this name.");

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        item.Name = name;
        item.NameKey = ItemNames.Key(name);
        item.SortKey = ItemNames.SortKey(name);
        item.LinkRestricted = r.LinkRestricted ?? item.LinkRestricted;
        item.ModifiedAt = clock.GetUtcNow().UtcDateTime;
        if (target.Id != item.ParentId) await MoveSubtreeAsync(teamId, item, target, ct);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException) { return Outcome<ItemDto>.Conflict("name", "Something in that folder already has this name."); }
        await tx.CommitAsync(ct);
        return Outcome<ItemDto>.Success(item.ToDto(await roles.RoleOnAsync(userId, teamId, item, ct)));
    }

    /// <summary>The folder the item ends up in: its own, or the one asked for when the caller may add to it.</summary>
    private async Task<(Item? Target, Outcome<ItemDto>? Refused)> TargetAsync(Guid userId, Guid teamId, Item item, Guid? parentId, CancellationToken ct)
    {
        if (parentId is not { } id || id == item.ParentId) return (await db.Items.AsNoTracking().FirstAsync(i => i.Id == item.ParentId, ct), null);
        var to = await roles.ForItemAsync(userId, teamId, id, ct);
        if (to is not { Role: > AccessRole.None } t || t.Item.Kind != ItemKinds.Folder || t.Item.TrashedAt is not null)
            return (null, Outcome<ItemDto>.Invalid("parentId", "Choose a folder you can see."));
        if (t.Role < AccessRole.Editor) return (null, Outcome<ItemDto>.Forbidden("You can view that folder but not add to it.", "role_too_low"));
        if (t.Item.SelfAndAncestors().Contains(item.Id)) return (null, Outcome<ItemDto>.Invalid("parentId", "A folder cannot be moved into itself."));
        return (t.Item, null);
    }

    /// <summary>The subtree keeps its shape: only the prefix of each descendant's ancestor path changes.</summary>
    private async Task MoveSubtreeAsync(Guid teamId, Item item, Item target, CancellationToken ct)
    {
        var oldChildPath = item.ChildPath;
        item.ParentId = target.Id;
        item.SpaceId = target.SpaceId;
        item.AncestorPath = target.ChildPath;
        var newChildPath = item.ChildPath;
        await db.Items.Where(i => i.TeamId == teamId && i.AncestorPath.StartsWith(oldChildPath))
            .ExecuteUpdateAsync(s => s
                .SetProperty(i => i.AncestorPath, i => newChildPath + i.AncestorPath.Substring(oldChildPath.Length))
                .SetProperty(i => i.SpaceId, target.SpaceId), ct);
    }
}

internal static class MoveItemEndpoint
{
    public static async Task<Results<Ok<ItemDto>, Refusal>> Handle(Guid id, UpdateItemRequest body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new MoveItem(user.GetUserId(), user.GetTeamId(), id, body), ct)).ToHttp(TypedResults.Ok);
}

internal sealed class UpdateItemValidator : IValidator<UpdateItemRequest>
{
    public IReadOnlyDictionary<string, string[]> Validate(UpdateItemRequest body) =>
        body.Name is not null && ItemNames.Problem(body.Name) is { } problem
            ? new Dictionary<string, string[]> { ["name"] = [problem] } : new Dictionary<string, string[]>();
}
