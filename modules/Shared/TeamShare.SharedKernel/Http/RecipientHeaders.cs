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
        response.Headers.CacheControl = "private, no-store";
    }
}
