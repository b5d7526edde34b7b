using Microsoft.AspNetCore.Http;

namespace TeamShare.Links.Opening;

internal static class LinkRoutes
{
    /// <summary>The same recipient routes exist under /s/{token} (the link) and /q/{code} (a QR code of it).</summary>
    /// <remarks>A blank token (page model binding turns "/s/%20" into null) is an empty one, which no link has.</remarks>
    public static LinkEntry EntryOf(HttpContext http, string? token) =>
        new(http.Request.Path.StartsWithSegments("/" + LinkEntry.QrPrefix) ? LinkEntry.QrPrefix : LinkEntry.LinkPrefix, token ?? "");

    /// <summary>The recipient page answers JSON to a request that accepts it (scripts), HTML otherwise.</summary>
    public static bool WantsJson(HttpRequest request) =>
        request.GetTypedHeaders().Accept.Any(a => a.MediaType.Value?.Contains("json") == true);
}
