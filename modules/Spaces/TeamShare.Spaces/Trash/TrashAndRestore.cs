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
using TeamShare.Spaces.Items;

namespace TeamShare.Spaces.Trash;

/// <summary>SP-6: the item and its subtree go to the trash together (DELETE /api/items/{id}).</summary>
internal sealed record TrashItem(Guid UserId, Guid TeamId, Guid Id) : IRequest<Outcome<bool>>;

internal sealed class TrashItemHandler(EffectiveRoles roles, SpacesDbContext db, TimeProvider clock) : IRequestHandler<TrashItem, Outcome<bool>>
{
    public async ValueTask<Outcome<bool>> Handle(TrashItem r, CancellationToken ct)
    {
        var found = await roles.ForItemAsync(r.UserId, r.TeamId, r.Id, ct);
        if (found is not { Role: > AccessRole.None } f || f.Item.TrashedAt is not null) return Outcome<bool>.NotFound();
        if (f.Role < AccessRole.Editor) return Outcome<bool>.Forbidden("Viewers cannot delete.", "role_too_low");
        if (f.Item.ParentId is null) return Outcome<bool>.Invalid("id", "A space's top folder cannot be deleted.");
        await ItemTrash.MoveAsync(db, f.Item, r.UserId, clock.GetUtcNow().UtcDateTime, ct);
        return Outcome<bool>.Success(true);
    }
}

/// <summary>
/// POST /api/items/{id}/restore: brings back what was deleted together, with its grants and links. The owner may, and so
/// may whoever deleted it while they can still edit the folder it was in (undo of their own delete). When something new
/// took its name meanwhile, it comes back as "name (1)", as Dropbox and Drive do; nothing is overwritten.
/// </summary>
internal sealed record RestoreItem(Guid UserId, Guid TeamId, Guid Id) : IRequest<Outcome<ItemDto>>;

internal sealed class RestoreItemHandler(EffectiveRoles roles, SpacesDbContext db, ItemWriter writer) : IRequestHandler<RestoreItem, Outcome<ItemDto>>
{
    public async ValueTask<Outcome<ItemDto>> Handle(RestoreItem r, CancellationToken ct)
    {
        var (userId, teamId, id) = (r.UserId, r.TeamId, r.Id);
        var found = await roles.ForItemAsync(userId, teamId, id, ct);
        if (found is not { } f || f.Item.TrashedRootId != id) return Outcome<ItemDto>.NotFound();
        var role = f.Role;
        if (role != AccessRole.Owner)
        {
            if (f.Item.TrashedBy != userId || f.Item.ParentId is not { } parent) return Outcome<ItemDto>.NotFound();
            if (await roles.ForItemAsync(userId, teamId, parent, ct) is not { Role: >= AccessRole.Editor } where || where.Item.TrashedAt is not null)
                return Outcome<ItemDto>.NotFound();
            role = where.Role;
        }
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            if (f.Item.ParentId is { } parentId && await writer.FreeNameAsync(parentId, f.Item.Name, ct) is var name && name != f.Item.Name)
                await db.Items.Where(i => i.Id == id)
                    .ExecuteUpdateAsync(s => s.SetProperty(i => i.Name, name).SetProperty(i => i.NameKey, ItemNames.Key(name))
                        .SetProperty(i => i.SortKey, ItemNames.SortKey(name)), ct);
            try
            {
                await db.Items.Where(i => i.TeamId == f.Item.TeamId && i.TrashedRootId == id)
                    .ExecuteUpdateAsync(s => s.SetProperty(i => i.TrashedAt, (DateTime?)null).SetProperty(i => i.TrashedRootId, (Guid?)null)
                        .SetProperty(i => i.TrashedBy, (Guid?)null), ct);
            }
            catch (DbUpdateException)
            {
                return Outcome<ItemDto>.Fail(Refused.Conflict, "Changed meanwhile", "Something took this name at the same moment. Try again.", "conflict");
            }
            await tx.CommitAsync(ct);
        }
        var restored = await db.Items.AsNoTracking().FirstAsync(i => i.Id == id, ct);
        return Outcome<ItemDto>.Success(restored.ToDto(role));
    }
}

/// <summary>"Empty trash": everything in the trash the caller owns is deleted for good; what they only deleted of others' stays for its owner.</summary>
internal sealed record EmptyTrash(Guid UserId, Guid TeamId) : IRequest<int>;

/// <summary>How many items emptying the trash deleted for good.</summary>
internal sealed record EmptiedDto(int Deleted);

internal sealed class EmptyTrashHandler(SpacesDbContext db, TrashPurger purger) : IRequestHandler<EmptyTrash, int>
{
    public async ValueTask<int> Handle(EmptyTrash r, CancellationToken ct)
    {
        var roots = db.Items.Where(i => i.TeamId == r.TeamId && i.TrashedRootId == i.Id && i.OwnerUserId == r.UserId).Select(i => (Guid?)i.Id);
        var count = await roots.CountAsync(ct);
        await purger.PurgeAsync(db.Items.Where(i => i.TeamId == r.TeamId && roots.Contains(i.TrashedRootId)), ct);
        return count;
    }
}

/// <summary>Purge one deleted subtree now (SP-6), owner only; false when there is no such subtree the caller owns.</summary>
internal sealed record PurgeTrashed(Guid UserId, Guid TeamId, Guid Id) : IRequest<bool>;

internal sealed class PurgeTrashedHandler(EffectiveRoles roles, SpacesDbContext db, TrashPurger purger) : IRequestHandler<PurgeTrashed, bool>
{
    public async ValueTask<bool> Handle(PurgeTrashed r, CancellationToken ct)
    {
        var found = await roles.ForItemAsync(r.UserId, r.TeamId, r.Id, ct);
        if (found is not { Role: AccessRole.Owner } f || f.Item.TrashedRootId != r.Id) return false;
        await purger.PurgeAsync(db.Items.Where(i => i.TrashedRootId == r.Id), ct);
        return true;
    }
}

internal static class TrashEndpoints
{
    public static async Task<Results<NoContent, Refusal>> Delete(Guid id, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new TrashItem(user.GetUserId(), user.GetTeamId(), id), ct)).ToHttp(_ => TypedResults.NoContent());

    public static async Task<Results<Ok<ItemDto>, Refusal>> Restore(Guid id, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new RestoreItem(user.GetUserId(), user.GetTeamId(), id), ct)).ToHttp(TypedResults.Ok);

    /// <summary>GET /api/trash: what the caller owns or deleted and is in the trash, one row per deleted subtree.</summary>
    public static async Task<Ok<IReadOnlyList<TrashEntryDto>>> List(ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new ListTrash(user.GetUserId(), user.GetTeamId()), ct));

    public static async Task<Ok<EmptiedDto>> Empty(ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(new EmptiedDto(await mediator.Send(new EmptyTrash(user.GetUserId(), user.GetTeamId()), ct)));

    public static async Task<Results<NoContent, ProblemHttpResult>> Purge(Guid id, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        await mediator.Send(new PurgeTrashed(user.GetUserId(), user.GetTeamId(), id), ct) ? TypedResults.NoContent() : Problems.NotFound();
}

/// <summary>
/// One deleted subtree in the trash: when it was deleted, when it will be purged and how many days are left, and the folder
/// it came from (null when the viewer may not open that folder, so the trash names nothing they cannot see).
/// </summary>
internal sealed record TrashEntryDto(Guid Id, string Name, string Kind, long Size, AccessRole Role, DateTime DeletedAt, DateTime PurgeAt,
    int DaysLeft, Guid? FolderId, string? Folder);
