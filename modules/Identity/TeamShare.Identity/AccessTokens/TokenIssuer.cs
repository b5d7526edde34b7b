using TeamShare.Identity.Data;
using TeamShare.SharedKernel.Security;

namespace TeamShare.Identity.AccessTokens;

/// <param name="Kind">"token" (scripts) or "app_password" (the drive only).</param>
/// <param name="Scopes">What the token may do; null: whatever the member's role allows.</param>
internal sealed record TokenDto(Guid Id, string Name, DateTime CreatedAt, DateTime? RevokedAt, string Kind, IReadOnlyList<string>? Scopes);

/// <summary>
/// Makes a personal access token ("tsp_") or an app password ("tsa_"): 256 random bits, stored only as its SHA-256.
/// Issue 29: a token may be limited to scopes (read: safe methods; write: changes; admin: the team's console routes).
/// </summary>
internal sealed class TokenIssuer(IdentityDbContext db, TimeProvider clock)
{
    public static readonly string[] AllScopes = ["read", "write", "admin"];

    public async Task<(AccessToken Row, string Token)> IssueAsync(Guid userId, string name, CancellationToken ct,
        string kind = TokenKinds.Token, IReadOnlyCollection<string>? scopes = null)
    {
        var token = (kind == TokenKinds.AppPassword ? "tsa_" : "tsp_") + Tokens.New();
        var row = new AccessToken
        {
            Id = Guid.CreateVersion7(), UserId = userId, Name = name, TokenHash = Tokens.Hash(token),
            CreatedAt = clock.GetUtcNow().UtcDateTime, Kind = kind,
            Scopes = scopes is { Count: > 0 } ? string.Join(' ', AllScopes.Where(scopes.Contains)) : null,
        };
        db.AccessTokens.Add(row);
        await db.SaveChangesAsync(ct);
        return (row, token);
    }

    public static TokenDto Describe(AccessToken t) =>
        new(t.Id, t.Name, t.CreatedAt, t.RevokedAt, t.Kind, t.Scopes?.Split(' '));

    /// <summary>Why scopes asked for cannot be given: an unknown one, or none at all.</summary>
    public static string? ScopesProblem(IReadOnlyCollection<string>? scopes) =>
        scopes is null ? null
        : scopes.Count == 0 || scopes.Any(s => !AllScopes.Contains(s)) ? "Choose among read, write and admin, or leave scopes out for everything your role allows."
        : null;

    public static string? NameProblem(string? name) =>
        string.IsNullOrWhiteSpace(name) || name.Trim().Length > 100 ? "Enter a name of 1 to 100 characters." : null;
}
