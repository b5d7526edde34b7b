using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TeamShare.Identity.Data;

namespace TeamShare.Identity.Auth;

/// <summary>
/// Personal access tokens (ID-8): one indexed lookup by the token's SHA-256, joined with the user's live status. An app
/// password is refused here (issue 29): it is kept on devices in clear and must not reach the API.
/// </summary>
internal sealed class BearerTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IdentityDbContext db)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (header is null || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return AuthenticateResult.NoResult();
        var token = header["Bearer ".Length..].Trim();
        if (token.Length is 0 or > 200) return AuthenticateResult.Fail("Malformed token.");

        var found = await TokenLookup.FindAsync(db, token, Context.RequestAborted);
        if (found is null) return AuthenticateResult.Fail("Unknown or revoked token.");
        if (found.Kind == TokenKinds.AppPassword) return AuthenticateResult.Fail("An app password works only for the drive (WebDAV).");
        return AuthenticateResult.Success(new AuthenticationTicket(
            Principals.For(found.User, Scheme.Name, teamLocale: found.TeamLocale, scopes: found.Scopes, teamRequiresTwoFactor: found.TeamRequiresTwoFactor),
            Scheme.Name));
    }
}
