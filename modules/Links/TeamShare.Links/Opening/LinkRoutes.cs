using Microsoft.AspNetCore.Http;

namespace TeamShare.Links.Opening;

internal static class LinkRoutes
{
    /// <summary>The same recipient routes exist under /s/{token} (the link) and /q/{code} (a QR code of it).</summary>
    /// <remarks>A blank token (page model binding turns "/s/%20" into null) is an empty one, which no link has.</remarks>
    public static LinkEntry EntryOf(HttpContext http, string? token) =>
        new(http.Request.Path.StartsWithSegments("/" + LinkEntry.QrPrefix) ? LinkEntry.QrPrefix : LinkEntry.LinkPrefix, token ?? "");
}

internal static class RecipientHeaders
{
    /// <summary>LK-7: recipients' pages are never indexed, never cached, and never leak the token through Referer.</summary>
    public static void Apply(HttpResponse response)
    {
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers["X-Robots-Tag"] = "noindex, nofollow";
        response.Headers.CacheControl = "private, no-store";
    }
}
