using Mediator;
using Microsoft.EntityFrameworkCore;
using TeamShare.Spaces.Access;
using TeamShare.Spaces.Contracts;
using TeamShare.Spaces.Data;
using TeamShare.Spaces.Items;

namespace TeamShare.Spaces.Grants;

/// <summary>
/// Idempotent: a grant's id is chosen when its invitation is saved, so the request, a job run and another instance may all
/// apply the same batch. When another got there first (a unique-key clash), the batch is read again and matched.
/// </summary>
internal sealed class ApplyGrantsHandler(SpacesDbContext db, TimeProvider clock) : IRequestHandler<ApplyGrants, IReadOnlyList<Guid>>
{
    public async ValueTask<IReadOnlyList<Guid>> Handle(ApplyGrants r, CancellationToken ct)
    {
        try { return await ApplyAsync(r, ct); }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return await ApplyAsync(r, ct);
        }
    }

    private async Task<IReadOnlyList<Guid>> ApplyAsync(ApplyGrants r, CancellationToken ct)
    {
        var existing = await db.Grants.Where(g => g.ItemId == r.ItemId && g.TeamId == r.TeamId).ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var result = new List<Guid>();
        foreach (var spec in r.Grants)
        {
            var same = existing.FirstOrDefault(g => g.Id == spec.GrantId)
                       ?? existing.FirstOrDefault(g => g.PrincipalKind == spec.PrincipalKind && g.PrincipalId == spec.PrincipalId);
            if (same is null)
            {
                same = new Grant
                {
                    Id = spec.GrantId, TeamId = r.TeamId, ItemId = r.ItemId, PrincipalKind = spec.PrincipalKind,
                    PrincipalId = spec.PrincipalId, Role = spec.Role, CreatedBy = spec.CreatedBy, CreatedAt = now,
                };
                db.Grants.Add(same);
                existing.Add(same);
            }
            else if (same.Id != spec.GrantId) same.Role = spec.Role;
            result.Add(same.Id);
        }
        await db.SaveChangesAsync(ct);
        return result;
    }
}

internal sealed class ListItemGrantsHandler(SpacesDbContext db, EffectiveRoles roles) : IRequestHandler<ListItemGrants, ItemGrants?>
{
    public async ValueTask<ItemGrants?> Handle(ListItemGrants r, CancellationToken ct)
    {
        var item = await ItemById.FindAsync(db, r.ItemId, r.TeamId, ct);
        if (item is null) return null;
        var chain = item.SelfAndAncestors().ToList();
        var names = await db.Items.AsNoTracking().Where(i => chain.Contains(i.Id))
            .Select(i => new { i.Id, i.Name, i.ParentId, i.SpaceId }).ToListAsync(ct);
        var spaceNames = await db.Spaces.AsNoTracking().Where(s => s.Id == item.SpaceId).Select(s => s.Name).ToListAsync(ct);
        string NameOf(Guid id) => names.FirstOrDefault(n => n.Id == id) is { } n ? n.ParentId is null ? spaceNames.FirstOrDefault() ?? n.Name : n.Name : "";
        var grants = await db.Grants.AsNoTracking().Where(g => chain.Contains(g.ItemId)).OrderBy(g => g.CreatedAt).ToListAsync(ct);
        var above = grants.Select(g => g.ItemId).Where(id => id != item.Id).Distinct().ToList();
        var visible = above.Count == 0 ? [] : (await roles.ForItemsAsync(r.AskedBy, r.TeamId, above, ct))
            .Where(a => a.Role > AccessRole.None).Select(a => a.Item.Id).ToHashSet();
        return new ItemGrants(item.OwnerUserId, grants.Select(g => new GrantView(g.Id, g.PrincipalKind, g.PrincipalId, g.Role, g.CreatedBy,
            g.CreatedAt, g.ItemId == item.Id ? null : visible.Contains(g.ItemId) ? NameOf(g.ItemId) : "a folder above")).ToList());
    }
}

internal sealed class SetGrantRoleHandler(SpacesDbContext db) : IRequestHandler<SetGrantRole, bool>
{
    public async ValueTask<bool> Handle(SetGrantRole r, CancellationToken ct) =>
        r.Role is AccessRole.Viewer or AccessRole.Editor
        && await db.Grants.Where(g => g.Id == r.GrantId && g.ItemId == r.ItemId && g.TeamId == r.TeamId)
            .ExecuteUpdateAsync(s => s.SetProperty(g => g.Role, r.Role), ct) == 1;
}

internal sealed class RevokeGrantHandler(SpacesDbContext db) : IRequestHandler<RevokeGrant, bool>
{
    public async ValueTask<bool> Handle(RevokeGrant r, CancellationToken ct) =>
        await db.Grants.Where(g => g.Id == r.GrantId && g.ItemId == r.ItemId && g.TeamId == r.TeamId).ExecuteDeleteAsync(ct) == 1;
}

internal sealed class TransferItemOwnershipHandler(SpacesDbContext db, IMediator mediator) : IRequestHandler<TransferItemOwnership, bool>
{
    public async ValueTask<bool> Handle(TransferItemOwnership r, CancellationToken ct)
    {
        var changed = await db.Items.Where(i => i.Id == r.ItemId && i.TeamId == r.TeamId && i.OwnerUserId == r.FromUserId && i.ParentId != null)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.OwnerUserId, r.ToUserId), ct);
        if (changed == 0) return false;
        // Sent, not called: the former owner's grant goes through the same pipeline as every other (ADR 0024, rule 10).
        await mediator.Send(new ApplyGrants(r.TeamId, r.ItemId,
            [new GrantSpec(Guid.CreateVersion7(), PrincipalKinds.User, r.FromUserId, AccessRole.Editor, r.ToUserId)]), ct);
        return true;
    }
}
