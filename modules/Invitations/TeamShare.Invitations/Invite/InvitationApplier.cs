using Mediator;
using Microsoft.EntityFrameworkCore;
using TeamShare.Invitations.Data;
using TeamShare.Spaces.Contracts;

namespace TeamShare.Invitations.Invite;

/// <summary>Turns saved invitations of team recipients into grants in Spaces. Idempotent: the grant id was chosen when saving.</summary>
internal sealed class InvitationApplier(InvitationsDbContext db, IMediator mediator, TimeProvider clock)
{
    public async Task ApplyAsync(IReadOnlyList<Invitation> invitations, CancellationToken ct)
    {
        foreach (var group in invitations.Where(i => i.AppliedAt == null).GroupBy(i => (i.TeamId, i.ItemId)))
        {
            var internalOnes = group.Where(i => !i.IsExternal).ToList();
            if (internalOnes.Count > 0)
            {
                var ids = await mediator.Send(new ApplyGrants(group.Key.TeamId, group.Key.ItemId, internalOnes
                    .Select(i => new GrantSpec(i.GrantId, i.RecipientKind, i.RecipientId, (AccessRole)i.Role, i.SenderId)).ToList()), ct);
                for (var n = 0; n < internalOnes.Count; n++) internalOnes[n].GrantId = ids[n];
            }
            foreach (var invitation in group) invitation.AppliedAt = clock.GetUtcNow().UtcDateTime;
        }
        await db.SaveChangesAsync(ct);
    }

    public async Task ApplyPendingAsync(CancellationToken ct) =>
        await ApplyAsync(await db.Invitations.Where(i => i.AppliedAt == null && i.RevokedAt == null)
            .OrderBy(i => i.Id).Take(500).ToListAsync(ct), ct);
}
