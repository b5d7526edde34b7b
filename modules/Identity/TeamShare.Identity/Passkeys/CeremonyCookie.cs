using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;

namespace TeamShare.Identity.Passkeys;

/// <summary>
/// The options (with their one-time challenge) of a passkey ceremony the browser is in, sealed and time-limited in a cookie
/// until the browser answers: nothing is kept on the server, so any instance can finish what another started, and the
/// challenge is used once (the answer takes the cookie).
/// </summary>
internal static class CeremonyCookie
{
    private const string Name = "ts_passkey";
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    private static ITimeLimitedDataProtector Protector(IDataProtectionProvider protection) =>
        protection.CreateProtector("TeamShare.Passkeys.Ceremony").ToTimeLimitedDataProtector();

    public static void Seal(HttpContext http, IDataProtectionProvider protection, string kind, string optionsJson) =>
        http.Response.Cookies.Append(Name, Protector(protection).Protect($"{kind}\n{optionsJson}", Lifetime), new CookieOptions
        {
            HttpOnly = true, Secure = http.Request.IsHttps, SameSite = SameSiteMode.Strict, Path = "/api", MaxAge = Lifetime,
        });

    /// <summary>The options of a ceremony of this <paramref name="kind"/> still running in this browser, or null; the cookie goes.</summary>
    public static string? Take(HttpContext http, IDataProtectionProvider protection, string kind)
    {
        if (!http.Request.Cookies.TryGetValue(Name, out var sealedValue)) return null;
        http.Response.Cookies.Delete(Name, new CookieOptions { Path = "/api" });
        try
        {
            var value = Protector(protection).Unprotect(sealedValue);
            return value.StartsWith(kind + "\n", StringComparison.Ordinal) ? value[(kind.Length + 1)..] : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null; // expired, or not ours
        }
    }
}
