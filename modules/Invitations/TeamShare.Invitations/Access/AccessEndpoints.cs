using Microsoft.Extensions.Logging;
using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using TeamShare.Identity.Contracts;
using TeamShare.Invitations.Data;
using TeamShare.Invitations.Invite;
using TeamShare.Policy.Contracts;
using TeamShare.SharedKernel.Data;
using TeamShare.SharedKernel.Http;
using TeamShare.SharedKernel.Security;
using TeamShare.Spaces.Contracts;

using TeamShare.Invitations.Mail;

namespace TeamShare.Invitations.Access;

internal sealed record PrincipalDto(string Kind, Guid? Id, string? Email, string DisplayName);

/// <param name="InheritedFrom">Set when the access comes from a folder above; change it there.</param>
internal sealed record AccessEntry(Guid? GrantId, PrincipalDto Principal, string Role, bool IsOwner, DateTime? ExpiresAt, string? AddedBy,
    string? InheritedFrom = null);

internal sealed record ChangeRoleRequest(string? Role);

internal sealed record TransferRequest(Guid? UserId);

internal sealed record MailStatusDto(string To, string Template, string Status, int Attempts, string? LastError, DateTime CreatedAt);

/// <summary>SH-6, SH-6a, SH-8: people with access, role changes within the cap, revoking at once, ownership transfer.</summary>
internal static class AccessEndpoints
{
    public static async Task<IResult> List(Guid id, ClaimsPrincipal user, IMediator mediator, InvitationsDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var teamId = user.GetTeamId();
        var access = await mediator.Send(new GetItemAccess(user.GetUserId(), teamId, id), ct);
        if (access is not { Role: > AccessRole.None }) return Problems.NotFound();
        var grants = (await mediator.Send(new ListItemGrants(teamId, id, user.GetUserId()), ct))!;
        var principals = await mediator.Send(new DescribePrincipals(teamId,
            grants.Grants.Where(g => g.PrincipalKind == "user").Select(g => g.PrincipalId!.Value).Append(grants.OwnerUserId).ToList(),
            grants.Grants.Where(g => g.PrincipalKind == "department").Select(g => g.PrincipalId!.Value).ToList()), ct);
        var (users, departments) = (principals.Users, principals.Departments);
        var names = await mediator.Send(new GetUserNames(teamId, grants.Grants.Select(g => g.CreatedBy).Append(grants.OwnerUserId).ToList()), ct);

        var entries = new List<AccessEntry>
        {
            new(null, new PrincipalDto("user", grants.OwnerUserId, users.GetValueOrDefault(grants.OwnerUserId)?.Email,
                names.GetValueOrDefault(grants.OwnerUserId, "Owner")), "owner", true, null, null),
        };
        entries.AddRange(grants.Grants.Select(g => new AccessEntry(g.GrantId, g.PrincipalKind switch
        {
            "user" => new PrincipalDto("user", g.PrincipalId, users.GetValueOrDefault(g.PrincipalId!.Value)?.Email,
                users.GetValueOrDefault(g.PrincipalId.Value)?.Name ?? "(former member)"),
            "department" => new PrincipalDto("department", g.PrincipalId, null,
                departments.GetValueOrDefault(g.PrincipalId!.Value) is { } d ? $"{d.Name} ({TeamShare.SharedKernel.Text.Counts.People(d.MemberCount ?? 0)})" : "(deleted department)"),
            _ => new PrincipalDto("organisation", null, null, $"Everyone ({TeamShare.SharedKernel.Text.Counts.People(principals.ActiveMembers)})"),
        }, g.Role.ToString().ToLowerInvariant(), false, null, names.GetValueOrDefault(g.CreatedBy), g.InheritedFrom)));

        var now = clock.GetUtcNow().UtcDateTime;
        var externals = await db.Invitations.AsNoTracking()
            .Where(i => i.TeamId == teamId && i.ItemId == id && i.RecipientKind == "external" && i.RevokedAt == null && i.ExternalExpiresAt > now)
            .ToListAsync(ct);
        entries.AddRange(externals.Select(i => new AccessEntry(i.Id, new PrincipalDto("external", null, i.RecipientEmail, i.RecipientEmail!),
            "viewer", false, i.ExternalExpiresAt, names.GetValueOrDefault(i.SenderId))));
        return TypedResults.Ok(entries);
    }

    public static async Task<IResult> ChangeRole(Guid id, Guid grantId, ChangeRoleRequest body, ClaimsPrincipal user, IMediator mediator,
        InvitationsDbContext db, CancellationToken ct)
    {
        var teamId = user.GetTeamId();
        var access = await mediator.Send(new GetItemAccess(user.GetUserId(), teamId, id), ct);
        if (access is not { Role: > AccessRole.None }) return Problems.NotFound();
        if (access.Role < AccessRole.Editor) return Problems.Status(403, "Not allowed", "Viewers cannot change who has access.", "role_too_low");
        if (body.Role is not ("viewer" or "editor")) return Problems.Field("role", "Choose viewer or editor; ownership moves only by transfer.");
        if (await db.Invitations.AnyAsync(i => i.Id == grantId && i.ItemId == id && i.RecipientKind == "external", ct))
            return body.Role == "viewer" ? TypedResults.NoContent() : Problems.Field("role", "People outside the team are always viewers.");
        var role = body.Role == "editor" ? AccessRole.Editor : AccessRole.Viewer;
        return await mediator.Send(new SetGrantRole(teamId, id, grantId, role), ct) ? TypedResults.NoContent() : Problems.NotFound();
    }

    /// <summary>X in "People with access": the next request of that person (or of the external link) is refused.</summary>
    public static async Task<IResult> Revoke(Guid id, Guid grantId, ClaimsPrincipal user, IMediator mediator, InvitationsDbContext db,
        TimeProvider clock, ILogger<InvitationsDbContext> log, CancellationToken ct)
    {
        var (userId, teamId) = (user.GetUserId(), user.GetTeamId());
        var access = await mediator.Send(new GetItemAccess(userId, teamId, id), ct);
        if (access is not { Role: > AccessRole.None }) return Problems.NotFound();
        if (access.Role < AccessRole.Editor) return Problems.Status(403, "Not allowed", "Viewers cannot change who has access.", "role_too_low");
        var now = clock.GetUtcNow().UtcDateTime;
        var invitation = await db.Invitations.FirstOrDefaultAsync(i => i.ItemId == id && i.TeamId == teamId && (i.Id == grantId || i.GrantId == grantId) && i.RevokedAt == null, ct);
        var revokedGrant = await mediator.Send(new RevokeGrant(teamId, id, grantId), ct);
        if (!revokedGrant && invitation is not { IsExternal: true }) return Problems.NotFound();
        string? to = invitation?.RecipientEmail;
        if (invitation is not null)
        {
            invitation.RevokedAt = now;
            invitation.Version++;
            if (invitation.RecipientKind == "user" && invitation.RecipientId is { } recipient)
                to = (await mediator.Send(new GetAudience(teamId, "user", recipient), ct)).FirstOrDefault()?.Email;
            if (to is not null)
                InvitationMails.Queue(db, teamId, userId, invitation, to, "access-revoked", new Dictionary<string, string>
                {
                    ["sender_name"] = user.Identity?.Name ?? "", ["item_name"] = access.Item.Name,
                }, now);
        }
        var revoked = new SharingActivityOccurred(teamId, userId, "access_revoked", id, to, access.Item.Name, now);
        db.Stage(revoked, revoked.EventId, now);
        await db.SaveChangesAsync(ct);
        await db.PublishStagedAsync(mediator, log, revoked, revoked.EventId, ct);
        return TypedResults.NoContent();
    }

    public static async Task<IResult> Transfer(Guid id, TransferRequest body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct)
    {
        var (userId, teamId) = (user.GetUserId(), user.GetTeamId());
        var access = await mediator.Send(new GetItemAccess(userId, teamId, id), ct);
        if (access is not { Role: > AccessRole.None }) return Problems.NotFound();
        if (access.Item.OwnerUserId != userId) return Problems.Status(403, "Not allowed", "Only the owner can hand an item to someone else.", "not_owner");
        if (body.UserId is not { } to || to == userId || !await mediator.Send(new PrincipalExists(teamId, "user", to), ct))
            return Problems.Field("userId", "Choose another active member of your team.");
        return await mediator.Send(new TransferItemOwnership(teamId, id, userId, to), ct) ? TypedResults.NoContent() : Problems.NotFound();
    }

    /// <summary>GET /api/items/{id}/mail: the caller's invitation mails for this item and whether they went out (SH-9).</summary>
    /// <summary>GET /api/items/{id}/mail: the caller's own invitation mails for an item they can open (SP-8); 404 otherwise, like any item route.</summary>
    public static async Task<IResult> Mail(Guid id, ClaimsPrincipal user, IMediator mediator, InvitationsDbContext db, CancellationToken ct)
    {
        var userId = user.GetUserId();
        if (await mediator.Send(new GetItemAccess(userId, user.GetTeamId(), id), ct) is not { Role: > AccessRole.None }) return Problems.NotFound();
        var invitationIds = db.Invitations.Where(i => i.ItemId == id && i.SenderId == userId).Select(i => (Guid?)i.Id);
        var mails = await db.Outbox.AsNoTracking().Where(m => m.SenderId == userId && invitationIds.Contains(m.InvitationId))
            .OrderBy(m => m.CreatedAt).ToListAsync(ct);
        return TypedResults.Ok(mails.Select(m => new MailStatusDto(m.To, m.Template, Outbox.StatusOf(m), m.Attempts, m.LastError, m.CreatedAt)).ToList());
    }
}
