using Mediator;
using Microsoft.EntityFrameworkCore;
using TeamShare.Identity.Admin;
using TeamShare.Identity.Data;
using TeamShare.SharedKernel.Http;
using TeamShare.SharedKernel.Security;

namespace TeamShare.Identity.Recovery;

/// <summary>
/// The reset link's page or API sets a new password: the token is used once (a conditional UPDATE, so two tabs cannot both
/// use it), every session of the person ends and their failed sign-ins are forgotten, so someone locked out by a guesser
/// gets back in at once. Personal access tokens stay, as on a password change.
/// </summary>
internal sealed record CompletePasswordReset(string? Token, string? NewPassword) : IRequest<Outcome<bool>>;

internal sealed class CompletePasswordResetHandler(IdentityDbContext db, PasswordHashing hashing, TimeProvider clock)
    : IRequestHandler<CompletePasswordReset, Outcome<bool>>
{
    public const string Expired = "This reset link has expired or was already used. Ask for a new one.";

    public async ValueTask<Outcome<bool>> Handle(CompletePasswordReset request, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(request.Token) || request.Token.Length > 100) return Outcome<bool>.Invalid("token", Expired);
        var now = clock.GetUtcNow().UtcDateTime;
        var tokenHash = Tokens.Hash(request.Token);
        var reset = await db.PasswordResets.AsNoTracking().FirstOrDefaultAsync(r => r.TokenHash == tokenHash, ct);
        var user = reset is null ? null : await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == reset.UserId, ct);
        if (reset is null || reset.UsedAt is not null || reset.ExpiresAt <= now || user is not { IsActive: true, RemovedAt: null })
            return Outcome<bool>.Invalid("token", Expired);
        if (MemberRules.PasswordProblem(request.NewPassword) is { } problem) return Outcome<bool>.Invalid("newPassword", problem);

        var hash = hashing.Hash(request.NewPassword!);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var used = await db.PasswordResets.Where(r => r.Id == reset.Id && r.UsedAt == null)
            .ExecuteUpdateAsync(r => r.SetProperty(x => x.UsedAt, now), ct);
        if (used == 0) return Outcome<bool>.Invalid("token", Expired);
        await db.PasswordResets.Where(r => r.UserId == user.Id && r.UsedAt == null).ExecuteUpdateAsync(r => r.SetProperty(x => x.UsedAt, now), ct);
        await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.PasswordHash, hash), ct);
        await db.Sessions.Where(s => s.UserId == user.Id && s.EndedAt == null).ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, now), ct);
        await db.SignInFailures.Where(f => f.NormalizedEmail == user.NormalizedEmail).ExecuteDeleteAsync(ct);
        await transaction.CommitAsync(ct);
        return Outcome<bool>.Success(true);
    }
}
