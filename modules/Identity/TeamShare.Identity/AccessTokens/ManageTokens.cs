using Mediator;
using Microsoft.EntityFrameworkCore;
using TeamShare.Identity.Data;

namespace TeamShare.Identity.AccessTokens;

/// <summary>The member's personal access tokens and app passwords (ID-8), newest first; only one <paramref name="Kind"/> when given.</summary>
internal sealed record ListTokens(Guid UserId, string? Kind = null) : IRequest<IReadOnlyList<TokenDto>>;

/// <summary>
/// Revoking takes effect on the token's next use: every Bearer request looks the token up. False: no such live token (of
/// <paramref name="Kind"/>, when given).
/// </summary>
internal sealed record RevokeToken(Guid UserId, Guid TokenId, string? Kind = null) : IRequest<bool>;

/// <summary>A new token or app password for the member, shown once (<see cref="TokenIssuer"/>).</summary>
internal sealed record IssueToken(Guid UserId, string Name, string Kind = TokenKinds.Token, IReadOnlyCollection<string>? Scopes = null)
    : IRequest<(AccessToken Row, string Token)>;

internal sealed class ListTokensHandler(IdentityDbContext db) : IRequestHandler<ListTokens, IReadOnlyList<TokenDto>>
{
    public async ValueTask<IReadOnlyList<TokenDto>> Handle(ListTokens request, CancellationToken ct) =>
        (await db.AccessTokens.AsNoTracking().Where(t => t.UserId == request.UserId && (request.Kind == null || t.Kind == request.Kind))
            .OrderByDescending(t => t.CreatedAt).ToListAsync(ct)).Select(TokenIssuer.Describe).ToList();
}

internal sealed class RevokeTokenHandler(IdentityDbContext db, TimeProvider clock) : IRequestHandler<RevokeToken, bool>
{
    public async ValueTask<bool> Handle(RevokeToken request, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.AccessTokens.Where(t => t.Id == request.TokenId && t.UserId == request.UserId && t.RevokedAt == null
                && (request.Kind == null || t.Kind == request.Kind))
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), ct) == 1;
    }
}

internal sealed class IssueTokenHandler(TokenIssuer issuer) : IRequestHandler<IssueToken, (AccessToken Row, string Token)>
{
    public async ValueTask<(AccessToken Row, string Token)> Handle(IssueToken request, CancellationToken ct) =>
        await issuer.IssueAsync(request.UserId, request.Name, ct, request.Kind, request.Scopes);
}
