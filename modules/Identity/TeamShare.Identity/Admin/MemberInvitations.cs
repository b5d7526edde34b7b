using TeamShare.SharedKernel.Localization;
using Mediator;
using Microsoft.EntityFrameworkCore;
using TeamShare.Identity.Auth;
using TeamShare.Identity.Contracts;
using TeamShare.Identity.Data;
using TeamShare.Invitations.Contracts;
using TeamShare.SharedKernel.Http;

namespace TeamShare.Identity.Admin;

internal sealed record MemberInvitationDto(Guid Id, string Email, string DisplayName, string Role, string Status, DateTime CreatedAt, DateTime ExpiresAt);

/// <summary>
/// ID-2: an admin invites someone by e-mail; the account is made when they accept (see <see cref="Join.JoinTeamHandler"/>).
/// The answer is the same whether or not the address has an account in another team; only this team's own members are
/// refused (the admin sees them anyway). Inviting an address again renews its invitation and sends a new mail.
/// </summary>
internal sealed record InviteMember(Actor Actor, string? Email, string? DisplayName, string? Role, string LinkBase) : IRequest<Outcome<MemberInvitationDto>>;

internal sealed class InviteMemberHandler(IdentityDbContext db, IMediator mediator, TimeProvider clock) : IRequestHandler<InviteMember, Outcome<MemberInvitationDto>>
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    public async ValueTask<Outcome<MemberInvitationDto>> Handle(InviteMember r, CancellationToken ct)
    {
        if (MemberRules.NewMemberProblem(r.Actor, r.Email, r.DisplayName, r.Role) is { } problem)
            return Outcome<MemberInvitationDto>.Invalid(problem.Field, problem.Message);
        var normalized = Principals.Normalize(r.Email!);
        if (await db.Users.AnyAsync(u => u.NormalizedEmail == normalized && u.TeamId == r.Actor.TeamId, ct))
            return Outcome<MemberInvitationDto>.Conflict("email", "This person is already a member of your team.");

        var now = clock.GetUtcNow().UtcDateTime;
        await db.MemberInvitations.Where(i => i.TeamId == r.Actor.TeamId && i.NormalizedEmail == normalized && i.AcceptedAt == null && i.CanceledAt == null)
            .ExecuteUpdateAsync(i => i.SetProperty(x => x.CanceledAt, now), ct);
        var invitation = new MemberInvitation
        {
            Id = Guid.CreateVersion7(), TeamId = r.Actor.TeamId, Email = r.Email!.Trim(), NormalizedEmail = normalized,
            DisplayName = r.DisplayName!.Trim(), Role = r.Role ?? TeamRoles.Member, InvitedBy = r.Actor.UserId, CreatedAt = now,
            ExpiresAt = now + Lifetime,
        };
        db.MemberInvitations.Add(invitation);
        await db.SaveChangesAsync(ct);

        var sender = await mediator.Send(new GetLinkSender(r.Actor.TeamId, r.Actor.UserId), ct);
        var model = new Dictionary<string, string>
        {
            [Cultures.MailKey] = Cultures.Current, ["display_name"] = invitation.DisplayName, ["team_name"] = sender?.TeamName ?? "", ["sender_name"] = sender?.DisplayName ?? "An admin",
            ["expires_days"] = ((int)Lifetime.TotalDays).ToString(),
            [IssueMailLinkToken.KindKey] = IssueMailLinkToken.MemberInvitation, [IssueMailLinkToken.SubjectKey] = invitation.Id.ToString(),
            [IssueMailLinkToken.LinkBaseKey] = r.LinkBase,
        };
        await mediator.Send(new QueueMail(r.Actor.TeamId, invitation.Email, "member-invitation", model, $"member-invitation:{invitation.Id}", SendNow: true), ct);
        return Outcome<MemberInvitationDto>.Success(ToDto(invitation, now));
    }

    public static MemberInvitationDto ToDto(MemberInvitation i, DateTime now) => new(i.Id, i.Email, i.DisplayName, i.Role,
        i.AcceptedAt is not null ? "accepted" : i.CanceledAt is not null ? "canceled" : i.ExpiresAt <= now ? "expired" : "invited", i.CreatedAt, i.ExpiresAt);
}

/// <summary>The team's invitations not yet accepted or canceled, newest first (expired ones show as such until invited again).</summary>
internal sealed record ListMemberInvitations(Guid TeamId) : IRequest<IReadOnlyList<MemberInvitationDto>>;

internal sealed class ListMemberInvitationsHandler(IdentityDbContext db, TimeProvider clock) : IRequestHandler<ListMemberInvitations, IReadOnlyList<MemberInvitationDto>>
{
    public async ValueTask<IReadOnlyList<MemberInvitationDto>> Handle(ListMemberInvitations r, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = await db.MemberInvitations.AsNoTracking().Where(i => i.TeamId == r.TeamId && i.AcceptedAt == null && i.CanceledAt == null)
            .OrderByDescending(i => i.CreatedAt).Take(500).ToListAsync(ct);
        return rows.Select(i => InviteMemberHandler.ToDto(i, now)).ToList();
    }
}

internal sealed record CancelMemberInvitation(Guid TeamId, Guid InvitationId) : IRequest<bool>;

internal sealed class CancelMemberInvitationHandler(IdentityDbContext db, TimeProvider clock) : IRequestHandler<CancelMemberInvitation, bool>
{
    public async ValueTask<bool> Handle(CancelMemberInvitation r, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.MemberInvitations.Where(i => i.Id == r.InvitationId && i.TeamId == r.TeamId && i.AcceptedAt == null && i.CanceledAt == null)
            .ExecuteUpdateAsync(i => i.SetProperty(x => x.CanceledAt, now), ct) > 0;
    }
}
