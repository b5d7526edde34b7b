using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using TeamShare.SharedKernel.Http;

namespace TeamShare.Links.Opening;

/// <summary>
/// LK-2: proof that this browser's open of one item was already counted, so the range requests that resume a download or seek
/// in a video do not count again. Without it every request counts, a Range header included: a range alone proves nothing,
/// since <c>bytes=-N</c> or a preview that ignores ranges delivers the whole file. The cookie is scoped to the item's own URL,
/// bound to the share, the item and the kind of open, and short-lived; holding it is no more than holding the file.
/// Issue 27 L4: it is also bound to the address that was counted (IPv6 by its /64, as the throttles count visitors), so a
/// ticket copied to other clients elsewhere counts again there; a replay from the counted address is that visitor's own.
/// </summary>
internal sealed class CountedTickets(IDataProtectionProvider provider, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(6);
    private readonly ITimeLimitedDataProtector _protector = provider.CreateProtector("TeamShare.Links.Counted.v1").ToTimeLimitedDataProtector();

    private static string NameFor(Guid itemId) => $"ts_counted_{itemId:N}";
    private static string Payload(HttpContext http, Guid shareId, Guid itemId, bool download) =>
        $"{shareId:N}:{itemId:N}:{(download ? "d" : "p")}:{ClientAddress.Of(http)}";

    /// <summary>True when the request continues an open this browser was already counted for.</summary>
    public bool Continues(HttpContext http, Guid shareId, Guid itemId, bool download)
    {
        if (http.Request.Headers.Range.Count == 0 || http.Request.Cookies[NameFor(itemId)] is not { Length: > 0 } cookie) return false;
        try
        {
            var payload = _protector.Unprotect(cookie, out var expires);
            return expires > clock.GetUtcNow() && payload == Payload(http, shareId, itemId, download);
        }
        catch (System.Security.Cryptography.CryptographicException) { return false; }
    }

    public void Issue(HttpContext http, Guid shareId, Guid itemId, bool download) =>
        http.Response.Cookies.Append(NameFor(itemId), _protector.Protect(Payload(http, shareId, itemId, download), clock.GetUtcNow().Add(Lifetime)),
            new CookieOptions
            {
                Path = http.Request.PathBase + http.Request.Path, HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = http.Request.IsHttps,
                MaxAge = Lifetime,
            });

    /// <summary>
    /// Issue 25: a document's preview counted once for this browser; its pages (under the same URL) are turned without counting
    /// again and are refused without it. Scoped to <c>…/items/{id}/pages</c>, so it reaches the page images and nothing else.
    /// </summary>
    public bool HasPages(HttpRequest request, Guid shareId, Guid itemId)
    {
        if (request.Cookies[PagesName(itemId)] is not { Length: > 0 } cookie) return false;
        try
        {
            var payload = _protector.Unprotect(cookie, out var expires);
            return expires > clock.GetUtcNow() && payload == $"{shareId:N}:{itemId:N}:v";
        }
        catch (System.Security.Cryptography.CryptographicException) { return false; }
    }

    public void IssuePages(HttpContext http, string pagesPath, Guid shareId, Guid itemId) =>
        http.Response.Cookies.Append(PagesName(itemId), _protector.Protect($"{shareId:N}:{itemId:N}:v", clock.GetUtcNow().Add(Lifetime)),
            new CookieOptions
            {
                Path = http.Request.PathBase + pagesPath, HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = http.Request.IsHttps,
                MaxAge = Lifetime,
            });

    private static string PagesName(Guid itemId) => $"ts_pages_{itemId:N}";
}
