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

    // Compiled once: every request a script makes asks it, and EF Core otherwise rebuilds the query's expression each time.
    private static readonly Func<IdentityDbContext, byte[], CancellationToken, Task<Found?>> Query =
        EF.CompileAsyncQuery((IdentityDbContext db, byte[] hash, CancellationToken ct) =>
            (from t in db.AccessTokens
             join u in db.Users on t.UserId equals u.Id
             join team in db.Teams on u.TeamId equals team.Id
             where t.TokenHash == hash && t.RevokedAt == null && u.IsActive
             select new Found(u, team.DefaultLocale, team.RequireTwoFactor, t.Kind, t.Scopes)).AsNoTracking().FirstOrDefault());

    public static Task<Found?> FindAsync(IdentityDbContext db, string secret, CancellationToken ct) => Query(db, Tokens.Hash(secret), ct);
}
