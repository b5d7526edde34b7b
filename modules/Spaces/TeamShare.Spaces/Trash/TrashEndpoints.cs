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

internal static class TrashEndpoints
{
    /// <summary>DELETE /api/items/{id}: the item and its subtree go to the trash together (SP-6).</summary>
    public static async Task<IResult> Delete(Guid id, ClaimsPrincipal user, EffectiveRoles roles, SpacesDbContext db,
        TimeProvider clock, CancellationToken ct)
    {
        var found = await roles.ForItemAsync(user.GetUserId(), user.GetTeamId(), id, ct);
        if (found is not { Role: > AccessRole.None } f || f.Item.TrashedAt is not null) return Problems.NotFound();
        if (f.Role < AccessRole.Editor) return Problems.Status(403, "Not allowed", "Viewers cannot delete.", "role_too_low");
        if (f.Item.ParentId is null) return Problems.Field("id", "A space's top folder cannot be deleted.");

        await ItemTrash.MoveAsync(db, f.Item, user.GetUserId(), clock.GetUtcNow().UtcDateTime, ct);
        return TypedResults.NoContent();
    }

    /// <summary>
    /// POST /api/items/{id}/restore: brings back what was deleted together, with its grants and links. The owner may, and so
    /// may whoever deleted it while they can still edit the folder it was in (undo of their own delete). When something new
    /// took its name meanwhile, it comes back as "name (1)", as Dropbox and Drive do; nothing is overwritten.
    /// </summary>
    public static async Task<IResult> Restore(Guid id, ClaimsPrincipal user, EffectiveRoles roles, SpacesDbContext db, ItemWriter writer,
        CancellationToken ct)
    {
        var (userId, teamId) = (user.GetUserId(), user.GetTeamId());
        var found = await roles.ForItemAsync(userId, teamId, id, ct);
        if (found is not { } f || f.Item.TrashedRootId != id) return Problems.NotFound();
        var role = f.Role;
        if (role != AccessRole.Owner)
        {
            if (f.Item.TrashedBy != userId || f.Item.ParentId is not { } parent) return Problems.NotFound();
            if (await roles.ForItemAsync(userId, teamId, parent, ct) is not { Role: >= AccessRole.Editor } where || where.Item.TrashedAt is not null)
                return Problems.NotFound();
            role = where.Role;
        }
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            if (f.Item.ParentId is { } parentId && await writer.FreeNameAsync(parentId, f.Item.Name, ct) is var name && name != f.Item.Name)
                await db.Items.Where(i => i.Id == id)
                    .ExecuteUpdateAsync(s => s.SetProperty(i => i.Name, name).SetProperty(i => i.NameKey, ItemNames.Key(name)), ct);
            try
            {
                await db.Items.Where(i => i.TeamId == f.Item.TeamId && i.TrashedRootId == id)
                    .ExecuteUpdateAsync(s => s.SetProperty(i => i.TrashedAt, (DateTime?)null).SetProperty(i => i.TrashedRootId, (Guid?)null)
                        .SetProperty(i => i.TrashedBy, (Guid?)null), ct);
            }
            catch (DbUpdateException)
            {
                return Problems.Status(409, "Changed meanwhile", "Something took this name at the same moment. Try again.", "conflict");
            }
            await tx.CommitAsync(ct);
        }
        var restored = await db.Items.AsNoTracking().FirstAsync(i => i.Id == id, ct);
        return TypedResults.Ok(restored.ToDto(role));
    }
}

/// <summary>
/// One deleted subtree in the trash: when it was deleted, when it will be purged and how many days are left, and the folder
/// it came from (null when the viewer may not open that folder, so the trash names nothing they cannot see).
/// </summary>
internal sealed record TrashEntryDto(Guid Id, string Name, string Kind, long Size, AccessRole Role, DateTime DeletedAt, DateTime PurgeAt,
    int DaysLeft, Guid? FolderId, string? Folder);

internal static class TrashListEndpoints
{
    /// <summary>GET /api/trash: what the caller owns or deleted and is in the trash, one row per deleted subtree.</summary>
    public static async Task<IResult> List(ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new ListTrash(user.GetUserId(), user.GetTeamId()), ct));

    /// <summary>DELETE /api/trash: "Empty trash": everything in the trash the caller owns is deleted for good; what they only deleted of others' stays for its owner.</summary>
    public static async Task<IResult> Empty(ClaimsPrincipal user, SpacesDbContext db, TrashPurger purger, CancellationToken ct)
    {
        var (userId, teamId) = (user.GetUserId(), user.GetTeamId());
        var roots = db.Items.Where(i => i.TeamId == teamId && i.TrashedRootId == i.Id && i.OwnerUserId == userId).Select(i => (Guid?)i.Id);
        var count = await roots.CountAsync(ct);
        await purger.PurgeAsync(db.Items.Where(i => i.TeamId == teamId && roots.Contains(i.TrashedRootId)), ct);
        return TypedResults.Ok(new { deleted = count });
    }

    /// <summary>DELETE /api/trash/{id}: purge one deleted subtree now (SP-6), owner only.</summary>
    public static async Task<IResult> Purge(Guid id, ClaimsPrincipal user, EffectiveRoles roles, SpacesDbContext db, TrashPurger purger, CancellationToken ct)
    {
        var found = await roles.ForItemAsync(user.GetUserId(), user.GetTeamId(), id, ct);
        if (found is not { Role: AccessRole.Owner } f || f.Item.TrashedRootId != id) return Problems.NotFound();
        await purger.PurgeAsync(db.Items.Where(i => i.TrashedRootId == id), ct);
        return TypedResults.NoContent();
    }
}
