using TeamShare.SharedKernel.Validation;
using Microsoft.Extensions.Localization;
using TeamShare.SharedKernel.Localization;
using Microsoft.AspNetCore.Http.HttpResults;
using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using TeamShare.Identity.Contracts;
using TeamShare.Invitations.Contracts;
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

internal sealed record ListAccess(Guid UserId, Guid TeamId, Guid ItemId) : IRequest<Outcome<IReadOnlyList<AccessEntry>>>;

internal sealed record ChangeAccessRole(Guid UserId, Guid TeamId, Guid ItemId, Guid GrantId, string? Role) : IRequest<Outcome<bool>>;

/// <summary>X in "People with access": the next request of that person (or of the external link) is refused.</summary>
internal sealed record RevokeAccess(Guid UserId, Guid TeamId, string SenderName, Guid ItemId, Guid GrantId) : IRequest<Outcome<bool>>;

internal sealed record TransferItem(Guid UserId, Guid TeamId, Guid ItemId, Guid? To) : IRequest<Outcome<bool>>;

/// <summary>The caller's own invitation mails for an item they can open (SP-8), and whether they went out (SH-9).</summary>
internal sealed record ListItemMail(Guid UserId, Guid TeamId, Guid ItemId) : IRequest<Outcome<IReadOnlyList<MailStatusDto>>>;

/// <summary>SH-6, SH-6a, SH-8: people with access, role changes within the cap, revoking at once, ownership transfer.</summary>
internal sealed class PeopleWithAccessHandler(IMediator mediator, InvitationsDbContext db, TimeProvider clock, StagedNotifications staged,
    IStringLocalizer<Ui> t)
    : IRequestHandler<ListAccess, Outcome<IReadOnlyList<AccessEntry>>>, IRequestHandler<ChangeAccessRole, Outcome<bool>>,
        IRequestHandler<RevokeAccess, Outcome<bool>>, IRequestHandler<TransferItem, Outcome<bool>>,
        IRequestHandler<ListItemMail, Outcome<IReadOnlyList<MailStatusDto>>>, IRequestHandler<RevokePeopleShare, bool>,
        IRequestHandler<ChangePeopleShareRole, bool>
{
    public async ValueTask<Outcome<IReadOnlyList<AccessEntry>>> Handle(ListAccess r, CancellationToken ct)
    {
        var (userId, teamId, id) = (r.UserId, r.TeamId, r.ItemId);
        var access = await mediator.Send(new GetItemAccess(userId, teamId, id), ct);
        if (access is not { Role: > AccessRole.None }) return Outcome<IReadOnlyList<AccessEntry>>.NotFound();
        var grants = (await mediator.Send(new ListItemGrants(teamId, id, userId), ct))!;
        var principals = await mediator.Send(new DescribePrincipals(teamId,
            grants.Grants.Where(g => g.PrincipalKind == "user").Select(g => g.PrincipalId!.Value).Append(grants.OwnerUserId).ToList(),
            grants.Grants.Where(g => g.PrincipalKind == "department").Select(g => g.PrincipalId!.Value).ToList()), ct);
        var (users, departments) = (principals.Users, principals.Departments);
        var names = await mediator.Send(new GetUserNames(teamId, grants.Grants.Select(g => g.CreatedBy).Append(grants.OwnerUserId).ToList()), ct);

        var entries = new List<AccessEntry>
        {
            new(null, new PrincipalDto("user", grants.OwnerUserId, users.GetValueOrDefault(grants.OwnerUserId)?.Email,
                names.GetValueOrDefault(grants.OwnerUserId, t["Owner"])), "owner", true, null, null),
        };
        entries.AddRange(grants.Grants.Select(g => new AccessEntry(g.GrantId, g.PrincipalKind switch
        {
            "user" => new PrincipalDto("user", g.PrincipalId, users.GetValueOrDefault(g.PrincipalId!.Value)?.Email,
                users.GetValueOrDefault(g.PrincipalId.Value)?.Name ?? t["(former member)"]),
            "department" => new PrincipalDto("department", g.PrincipalId, null,
                departments.GetValueOrDefault(g.PrincipalId!.Value) is { } d ? $"{d.Name} ({t.Plural(d.MemberCount ?? 0, "{0} person", "{0} people")})" : t["(deleted department)"]),
            _ => new PrincipalDto("organisation", null, null, $"{t["Everyone"]} ({t.Plural(principals.ActiveMembers, "{0} person", "{0} people")})"),
        }, g.Role.ToString().ToLowerInvariant(), false, null, names.GetValueOrDefault(g.CreatedBy), g.InheritedFrom)));

        var now = clock.GetUtcNow().UtcDateTime;
        var externals = await db.Invitations.AsNoTracking()
            .Where(i => i.TeamId == teamId && i.ItemId == id && i.RecipientKind == "external" && i.RevokedAt == null && i.ExternalExpiresAt > now)
            .ToListAsync(ct);
        entries.AddRange(externals.Select(i => new AccessEntry(i.Id, new PrincipalDto("external", null, i.RecipientEmail, i.RecipientEmail!),
            "viewer", false, i.ExternalExpiresAt, names.GetValueOrDefault(i.SenderId))));
        return Outcome<IReadOnlyList<AccessEntry>>.Success(entries);
    }

    public async ValueTask<Outcome<bool>> Handle(ChangeAccessRole r, CancellationToken ct)
    {
        if (await EditableAsync(r.UserId, r.TeamId, r.ItemId, ct) is { Ok: false } refused) return refused.As<bool>();
        if (r.Role is not ("viewer" or "editor")) return Outcome<bool>.Invalid("role", "Choose viewer or editor; ownership moves only by transfer.");
        if (await db.Invitations.AnyAsync(i => i.Id == r.GrantId && i.ItemId == r.ItemId && i.RecipientKind == "external", ct))
            return r.Role == "viewer" ? Outcome<bool>.Success(true) : Outcome<bool>.Invalid("role", "People outside the team are always viewers.");
        var role = r.Role == "editor" ? AccessRole.Editor : AccessRole.Viewer;
        return await mediator.Send(new SetGrantRole(r.TeamId, r.ItemId, r.GrantId, role), ct) ? Outcome<bool>.Success(true) : Outcome<bool>.NotFound();
    }

    public async ValueTask<bool> Handle(RevokePeopleShare r, CancellationToken ct) =>
        (await Handle(new RevokeAccess(r.UserId, r.TeamId, r.SenderName, r.ItemId, r.ShareId), ct)).Ok;

    public async ValueTask<bool> Handle(ChangePeopleShareRole r, CancellationToken ct) =>
        (await Handle(new ChangeAccessRole(r.UserId, r.TeamId, r.ItemId, r.ShareId, r.Role), ct)).Ok;

    public async ValueTask<Outcome<bool>> Handle(RevokeAccess r, CancellationToken ct)
    {
        var (userId, teamId, id, grantId) = (r.UserId, r.TeamId, r.ItemId, r.GrantId);
        var editable = await EditableAsync(userId, teamId, id, ct);
        if (!editable.Ok) return editable.As<bool>();
        var item = editable.Value!;
        var now = clock.GetUtcNow().UtcDateTime;
        var invitation = await db.Invitations.FirstOrDefaultAsync(i => i.ItemId == id && i.TeamId == teamId && (i.Id == grantId || i.GrantId == grantId) && i.RevokedAt == null, ct);
        var revokedGrant = await mediator.Send(new RevokeGrant(teamId, id, grantId), ct);
        if (!revokedGrant && invitation is not { IsExternal: true }) return Outcome<bool>.NotFound();
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
                    ["sender_name"] = r.SenderName, ["item_name"] = item.Name, [Cultures.MailKey] = Cultures.Current,
                }, now);
        }
        var revoked = new SharingActivityOccurred(teamId, userId, "access_revoked", id, to, item.Name, now);
        staged.Stage(db, revoked, revoked.EventId, now);
        await db.SaveChangesAsync(ct);
        return Outcome<bool>.Success(true);
    }

    public async ValueTask<Outcome<bool>> Handle(TransferItem r, CancellationToken ct)
    {
        var access = await mediator.Send(new GetItemAccess(r.UserId, r.TeamId, r.ItemId), ct);
        if (access is not { Role: > AccessRole.None }) return Outcome<bool>.NotFound();
        if (access.Item.OwnerUserId != r.UserId) return Outcome<bool>.Forbidden("Only the owner can hand an item to someone else.", "not_owner");
        if (r.To is not { } to || to == r.UserId || !await mediator.Send(new PrincipalExists(r.TeamId, "user", to), ct))
            return Outcome<bool>.Invalid("userId", "Choose another active member of your team.");
        return await mediator.Send(new TransferItemOwnership(r.TeamId, r.ItemId, r.UserId, to), ct) ? Outcome<bool>.Success(true) : Outcome<bool>.NotFound();
    }

    public async ValueTask<Outcome<IReadOnlyList<MailStatusDto>>> Handle(ListItemMail r, CancellationToken ct)
    {
        if (await mediator.Send(new GetItemAccess(r.UserId, r.TeamId, r.ItemId), ct) is not { Role: > AccessRole.None })
            return Outcome<IReadOnlyList<MailStatusDto>>.NotFound();
        var invitationIds = db.Invitations.Where(i => i.ItemId == r.ItemId && i.SenderId == r.UserId).Select(i => (Guid?)i.Id);
        var mails = await db.Outbox.AsNoTracking().Where(m => m.SenderId == r.UserId && invitationIds.Contains(m.InvitationId))
            .OrderBy(m => m.CreatedAt).ToListAsync(ct);
        return Outcome<IReadOnlyList<MailStatusDto>>.Success(
            mails.Select(m => new MailStatusDto(m.To, m.Template, Outbox.StatusOf(m), m.Attempts, m.LastError, m.CreatedAt)).ToList());
    }

    /// <summary>The item when the caller may change who has access to it (Editor or more); 404 or 403 otherwise.</summary>
    private async Task<Outcome<ItemSummary>> EditableAsync(Guid userId, Guid teamId, Guid id, CancellationToken ct)
    {
        var access = await mediator.Send(new GetItemAccess(userId, teamId, id), ct);
        if (access is not { Role: > AccessRole.None }) return Outcome<ItemSummary>.NotFound();
        return access.Role < AccessRole.Editor
            ? Outcome<ItemSummary>.Forbidden("Viewers cannot change who has access.", "role_too_low")
            : Outcome<ItemSummary>.Success(access.Item);
    }
}

internal static class AccessEndpoints
{
    public static async Task<Results<Ok<IReadOnlyList<AccessEntry>>, Refusal>> List(Guid id, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new ListAccess(user.GetUserId(), user.GetTeamId(), id), ct)).ToHttp(TypedResults.Ok);

    public static async Task<Results<NoContent, Refusal>> ChangeRole(Guid id, Guid grantId, ChangeRoleRequest body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new ChangeAccessRole(user.GetUserId(), user.GetTeamId(), id, grantId, body.Role), ct)).ToHttp(_ => TypedResults.NoContent());

    public static async Task<Results<NoContent, Refusal>> Revoke(Guid id, Guid grantId, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new RevokeAccess(user.GetUserId(), user.GetTeamId(), user.Identity?.Name ?? "", id, grantId), ct))
        .ToHttp(_ => TypedResults.NoContent());

    public static async Task<Results<NoContent, Refusal>> Transfer(Guid id, TransferRequest body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new TransferItem(user.GetUserId(), user.GetTeamId(), id, body.UserId), ct)).ToHttp(_ => TypedResults.NoContent());

    public static async Task<Results<Ok<IReadOnlyList<MailStatusDto>>, Refusal>> Mail(Guid id, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new ListItemMail(user.GetUserId(), user.GetTeamId(), id), ct)).ToHttp(TypedResults.Ok);
}

internal sealed class ChangeRoleValidator : IValidator<ChangeRoleRequest>
{
    public IReadOnlyDictionary<string, string[]> Validate(ChangeRoleRequest body) => body.Role is "viewer" or "editor"
        ? new Dictionary<string, string[]>()
        : new Dictionary<string, string[]> { ["role"] = ["Choose viewer or editor; ownership moves only by transfer."] };
}

internal sealed class TransferValidator : IValidator<TransferRequest>
{
    public IReadOnlyDictionary<string, string[]> Validate(TransferRequest body) => body.UserId is not null
        ? new Dictionary<string, string[]>()
        : new Dictionary<string, string[]> { ["userId"] = ["Choose another active member of your team."] };
}
