using TeamShare.Identity.Data;
using TeamShare.SharedKernel.Security;

namespace TeamShare.Identity.AccessTokens;

internal sealed record TokenDto(Guid Id, string Name, DateTime CreatedAt, DateTime? RevokedAt);

/// <summary>Makes a personal access token: "tsp_" and 256 random bits, stored only as its SHA-256.</summary>
internal sealed class TokenIssuer(IdentityDbContext db, TimeProvider clock)
{
    public async Task<(AccessToken Row, string Token)> IssueAsync(Guid userId, string name, CancellationToken ct)
    {
        var token = "tsp_" + Tokens.New();
        var row = new AccessToken
        {
            Id = Guid.CreateVersion7(), UserId = userId, Name = name, TokenHash = Tokens.Hash(token),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.AccessTokens.Add(row);
        await db.SaveChangesAsync(ct);
        return (row, token);
    }

    public static string? NameProblem(string? name) =>
        string.IsNullOrWhiteSpace(name) || name.Trim().Length > 100 ? "Enter a name of 1 to 100 characters." : null;
}
