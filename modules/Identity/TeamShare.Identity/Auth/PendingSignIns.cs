using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;

namespace TeamShare.Identity.Auth;

/// <summary>
/// Issue 29: between a right password and the second factor, the browser carries who is signing in (and the zone its script
/// reported) in a signed cookie that lasts five minutes; nothing else is granted until the code is right.
/// </summary>
/// <remarks>Made by the sign-in pages from the data-protection provider, as <see cref="KnownDevices"/> is.</remarks>
internal sealed class PendingSignIns(IDataProtectionProvider provider)
{
    private const string CookieName = "teamshare.signin";
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);
    private readonly ITimeLimitedDataProtector _protector = provider.CreateProtector("TeamShare.Identity.PendingSignIn.v1").ToTimeLimitedDataProtector();

    public void Start(HttpContext http, Guid userId, string? timeZone) =>
        http.Response.Cookies.Append(CookieName, _protector.Protect($"{userId}|{timeZone}", Lifetime), new CookieOptions
        {
            HttpOnly = true, SameSite = SameSiteMode.Strict, Secure = http.Request.IsHttps, Path = "/signin", MaxAge = Lifetime, IsEssential = true,
        });

    public (Guid UserId, string? TimeZone)? Read(HttpContext http)
    {
        if (http.Request.Cookies[CookieName] is not { Length: > 0 and < 1000 } value) return null;
        try
        {
            var parts = _protector.Unprotect(value).Split('|', 2);
            return Guid.TryParse(parts[0], out var id) ? (id, parts[1].Length > 0 ? parts[1] : null) : null;
        }
        catch (System.Security.Cryptography.CryptographicException) { return null; }
    }

    public void End(HttpContext http) => http.Response.Cookies.Delete(CookieName, new CookieOptions { Path = "/signin" });
}
