using Mediator;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using TeamShare.Identity.Data;
using TeamShare.SharedKernel.Security;
using TeamShare.SharedKernel.Text;

namespace TeamShare.Identity.Auth;

/// <summary>
/// The end of a browser sign-in, once the password (and, when it is on, the second factor) was right: the browser becomes a
/// known device of the account, a missing mail time zone is taken from it (issue 28), and the session starts.
/// </summary>
internal static class BrowserSignIn
{
    public static async Task CompleteAsync(HttpContext http, IMediator mediator, IDataProtectionProvider protection, User user, string? timeZone,
        CancellationToken ct)
    {
        new KnownDevices(protection).Remember(http, Principals.Normalize(user.Email));
        if (TimeZones.IsKnown(timeZone)) await mediator.Send(new Me.SetTimeZone(user.Id, timeZone, OnlyIfUnset: true), ct);
        var principal = await mediator.Send(new StartBrowserSession(user), ct);
        await http.SignInAsync(TeamShareClaims.CookieScheme, principal);
    }

    /// <summary>Where to go after signing in: the asked-for page of this site, else the files.</summary>
    public static string LocalOrFiles(string? to) => to is { Length: > 0 } && to.StartsWith('/') && !to.StartsWith("//") && !to.StartsWith("/\\") ? to : "/files";
}
