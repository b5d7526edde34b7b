using Microsoft.AspNetCore.Http.HttpResults;
using Mediator;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using TeamShare.Identity.Admin;
using TeamShare.Identity.Data;
using TeamShare.SharedKernel.Http;
using TeamShare.SharedKernel.Security;

namespace TeamShare.Identity.Join;

internal sealed record JoinPreview(string Email, string DisplayName, string TeamName, string Role);

/// <summary>What the join page shows for a token: the invitation, or null when it is used, canceled, expired or unknown.</summary>
internal sealed record PreviewJoin(string? Token) : IRequest<JoinPreview?>;

/// <summary>
/// ID-2: the invited person opens the mailed link and chooses a password; only then does the account exist. An address
/// that meanwhile has an account (in any team) cannot join: one address belongs to one team, and the person, who owns the
/// mailbox, is told so.
/// </summary>
internal sealed record JoinTeam(string? Token, string? Password) : IRequest<Outcome<User>>;

internal sealed class JoinTeamHandler(IdentityDbContext db, PasswordHashing hashing, TimeProvider clock)
    : IRequestHandler<PreviewJoin, JoinPreview?>, IRequestHandler<JoinTeam, Outcome<User>>
{
    public const string Expired = "This invitation has expired, was canceled or was already used. Ask your team's admin for a new one.";

    private async Task<MemberInvitation?> LiveAsync(string? token, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100) return null;
        var hash = Tokens.Hash(token);
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.MemberInvitations.AsNoTracking()
            .FirstOrDefaultAsync(i => i.TokenHash == hash && i.AcceptedAt == null && i.CanceledAt == null && i.ExpiresAt > now, ct);
    }

    public async ValueTask<JoinPreview?> Handle(PreviewJoin request, CancellationToken ct)
    {
        var invitation = await LiveAsync(request.Token, ct);
        if (invitation is null) return null;
        var team = await db.Teams.AsNoTracking().Where(t => t.Id == invitation.TeamId).Select(t => t.Name).FirstAsync(ct);
        return new JoinPreview(invitation.Email, invitation.DisplayName, team, invitation.Role);
    }

    public async ValueTask<Outcome<User>> Handle(JoinTeam request, CancellationToken ct)
    {
        var invitation = await LiveAsync(request.Token, ct);
        if (invitation is null) return Outcome<User>.Invalid("token", Expired);
        if (MemberRules.PasswordProblem(request.Password) is { } problem) return Outcome<User>.Invalid("password", problem);
        const string taken = "This address already has a TeamShare account. Sign in with it; one address belongs to one team.";
        if (await db.Users.AnyAsync(u => u.NormalizedEmail == invitation.NormalizedEmail, ct)) return Outcome<User>.Conflict("token", taken);

        var now = clock.GetUtcNow().UtcDateTime;
        var user = new User
        {
            Id = Guid.CreateVersion7(), TeamId = invitation.TeamId, Email = invitation.Email, NormalizedEmail = invitation.NormalizedEmail,
            DisplayName = invitation.DisplayName, PasswordHash = hashing.Hash(request.Password!), Role = invitation.Role, CreatedAt = now,
        };
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (await db.MemberInvitations.Where(i => i.Id == invitation.Id && i.AcceptedAt == null && i.CanceledAt == null)
                .ExecuteUpdateAsync(i => i.SetProperty(x => x.AcceptedAt, now), ct) == 0)
            return Outcome<User>.Invalid("token", Expired);
        db.Users.Add(user);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException) { return Outcome<User>.Conflict("token", taken); }
        await transaction.CommitAsync(ct);
        return Outcome<User>.Success(user);
    }
}

internal sealed record JoinRequest(string? Token, string? Password);

internal sealed record JoinedDto(string Email, string DisplayName, string Role);

internal static class JoinEndpoint
{
    /// <summary>POST /api/auth/join {token, password}: 201 with the new account's e-mail; then trade it for a token as usual.</summary>
    public static async Task<Results<Created<JoinedDto>, Refusal>> Handle(JoinRequest body, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new JoinTeam(body.Token, body.Password), ct))
        .ToHttp(u => TypedResults.Created("/api/me", new JoinedDto(u.Email, u.DisplayName, u.Role)));
}
