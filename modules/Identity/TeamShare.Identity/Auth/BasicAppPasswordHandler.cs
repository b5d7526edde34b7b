using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TeamShare.Identity.Data;
using TeamShare.SharedKernel.Http;
using TeamShare.SharedKernel.WebDav;

namespace TeamShare.Identity.Auth;

/// <summary>
/// WebDAV clients (Explorer, Finder, GNOME Files, rclone) cannot hold a cookie: they send HTTP Basic with the member's e-mail
/// and an app password (issue 29: made for the drive, refused everywhere else) or a personal access token (ID-8). The account password is never accepted here (a stolen drive
/// mapping must not be the password; docs/webdav.md). Wrong guesses count in the sign-in throttle, per e-mail and address.
/// </summary>
internal sealed class BasicAppPasswordHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IdentityDbContext db, SignInThrottle throttle)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string Realm = "TeamShare";

    /// <summary>Member WebDAV only: under /dav/links the Basic password is a link's own password.</summary>
    public static bool Applies(HttpRequest request) =>
        request.Path.StartsWithSegments("/dav") && !request.Path.StartsWithSegments("/dav/links");

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Applies(Request) || DavRequest.Basic(Request) is not var (user, password)) return AuthenticateResult.NoResult();
        if (user.Length is 0 or > 320 || password.Length is 0 or > 200) return AuthenticateResult.Fail("Malformed credentials.");
        var email = Principals.Normalize(user);
        var address = ClientAddress.Of(Context);
        var ct = Context.RequestAborted;
        if (await throttle.IsThrottledAsync(email, address, knownDevice: false, ct)) return AuthenticateResult.Fail("Too many wrong app passwords.");

        var found = await TokenLookup.FindAsync(db, password, ct);
        if (found is null || found.User.NormalizedEmail != email)
        {
            await throttle.ReserveAsync(email, address, knownDevice: false, ct);
            return AuthenticateResult.Fail("Unknown e-mail or app password.");
        }
        return AuthenticateResult.Success(new AuthenticationTicket(
            Principals.For(found.User, Scheme.Name, teamLocale: found.TeamLocale, scopes: found.Scopes), Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        DavRequest.Challenge(Response, Realm);
        return Task.CompletedTask;
    }
}
