using Microsoft.AspNetCore.Http;

namespace TeamShare.SharedKernel.Http;

/// <summary>
/// LK-7: pages and files reached by a link, a QR code or an external invitation (/s/, /q/, /x/) are never indexed, never
/// cached, and never leak their token through Referer.
/// </summary>
public static class RecipientHeaders
{
    public static void Apply(HttpResponse response)
    {
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers["X-Robots-Tag"] = "noindex, nofollow";
        // no-cache as well: a page with a form then already says what antiforgery would set, so antiforgery does not log a
        // warning on every open (issue 24: 12 % of a link open's thread time went to that console line).
        response.Headers.CacheControl = "private, no-cache, no-store";
    }
}
