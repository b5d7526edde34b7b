using Microsoft.EntityFrameworkCore;
using TeamShare.Identity.Data;
using TeamShare.SharedKernel.Security;

namespace TeamShare.Identity.Auth;

/// <summary>
/// A live token or app password by its secret, for the Bearer and Basic handlers: one indexed lookup by the secret's
/// SHA-256, joined with its user's live status and the team settings a principal carries.
/// </summary>
internal static class TokenLookup
{
    public sealed record Found(User User, string? TeamLocale, string? TeamRequiresTwoFactor, string Kind, string? Scopes);

    public static Task<Found?> FindAsync(IdentityDbContext db, string secret, CancellationToken ct)
    {
        var hash = Tokens.Hash(secret);
        return (from t in db.AccessTokens
                join u in db.Users on t.UserId equals u.Id
                join team in db.Teams on u.TeamId equals team.Id
                where t.TokenHash == hash && t.RevokedAt == null && u.IsActive
                select new Found(u, team.DefaultLocale, team.RequireTwoFactor, t.Kind, t.Scopes)).AsNoTracking().FirstOrDefaultAsync(ct);
    }
}
