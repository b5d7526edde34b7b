using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;

namespace TeamShare.Identity.Auth;

/// <summary>
/// A browser that once signed in to an account carries a signed cookie naming it (OWASP's "device cookie"). Sign-ins from
/// such a browser are not refused by the account-wide limit, so a stranger's 50 wrong guesses in an hour do not lock the
/// real person out of their own account; the per-address limit still applies to them like to everyone.
/// </summary>
internal sealed class KnownDevices(IDataProtectionProvider provider)
{
    private const string CookieName = "teamshare.device";
    private readonly IDataProtector _protector = provider.CreateProtector("TeamShare.Identity.KnownDevice.v1");

    public bool Recognizes(HttpContext http, string normalizedEmail)
    {
        if (http.Request.Cookies[CookieName] is not { Length: > 0 and < 1000 } value) return false;
        try { return _protector.Unprotect(value) == normalizedEmail; }
        catch (System.Security.Cryptography.CryptographicException) { return false; }
    }

    public void Remember(HttpContext http, string normalizedEmail) =>
        http.Response.Cookies.Append(CookieName, _protector.Protect(normalizedEmail), new CookieOptions
        {
            HttpOnly = true, SameSite = SameSiteMode.Strict, Secure = http.Request.IsHttps, Path = "/signin",
            MaxAge = TimeSpan.FromDays(365), IsEssential = true,
        });
}
