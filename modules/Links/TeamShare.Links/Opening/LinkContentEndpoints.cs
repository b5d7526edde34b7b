using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using TeamShare.Links.Contracts;
using TeamShare.SharedKernel.Http;
using TeamShare.Spaces.Contracts;

namespace TeamShare.Links.Opening;

internal static class LinkContentEndpoints
{
    private static readonly string[] InlineTypes = ["image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf", "text/plain", "text/markdown"];

    /// <summary>GET /s/{token}/items/{itemId}/download: the file as an attachment, if the link allows download.</summary>
    public static Task<IResult> Download(string token, Guid itemId, ClaimsPrincipal user, HttpContext http, LinkGate gate,
        IMediator mediator, TimeProvider clock, CancellationToken ct) =>
        Serve(token, itemId, download: true, user, http, gate, mediator, clock, ct);

    /// <summary>GET /s/{token}/items/{itemId}/preview: shown inline in a sandbox, if the link allows preview.</summary>
    public static Task<IResult> Preview(string token, Guid itemId, ClaimsPrincipal user, HttpContext http, LinkGate gate,
        IMediator mediator, TimeProvider clock, CancellationToken ct) =>
        Serve(token, itemId, download: false, user, http, gate, mediator, clock, ct);

    private static async Task<IResult> Serve(string token, Guid itemId, bool download, ClaimsPrincipal user, HttpContext http,
        LinkGate gate, IMediator mediator, TimeProvider clock, CancellationToken ct)
    {
        RecipientHeaders.Apply(http.Response);
        var (link, refusal) = await gate.OpenAsync(token, user, ct);
        if (link is null) return RefusalText.Problem(refusal);
        var share = link.Share;
        if (download ? !share.AllowDownload : !share.AllowPreview)
            return Problems.Status(403, "Not allowed", download ? "This link does not allow downloading." : "This link does not allow preview.",
                download ? "download_not_allowed" : "preview_not_allowed");

        var item = await mediator.Send(new ResolveSharedItem(share.TeamId, link.RootIds, itemId), ct);
        if (item is null || item.Kind != "file") return Problems.NotFound();
        var content = await mediator.Send(new OpenItemContent(share.TeamId, itemId), ct);
        if (content is null) return Problems.NotFound();
        if (!download && !InlineTypes.Contains(content.ContentType))
            return Problems.Status(415, "No preview", "This kind of file cannot be previewed; download it instead.", "no_preview");

        // A range request that continues a download already counted does not count again (LK-2).
        var continuing = http.Request.Headers.Range.ToString() is { Length: > 0 } range && !range.StartsWith("bytes=0-");
        if (!continuing && !await gate.TryCountViewAsync(share.Id, download, ct)) return RefusalText.Problem(LinkRefusal.LimitReached);
        await mediator.Publish(new LinkUsed(share.Id, share.TeamId, download ? "downloaded" : "previewed", itemId, clock.GetUtcNow().UtcDateTime), ct);

        var etag = new EntityTagHeaderValue($"\"{content.Sha256}\"");
        if (download)
            return TypedResults.File(content.OpenRead(), content.ContentType, content.Name, content.ModifiedAt, etag, enableRangeProcessing: true);
        // Inline preview: a sandboxing CSP so an uploaded file can never run script in our origin.
        http.Response.Headers.ContentSecurityPolicy = "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'";
        var type = content.ContentType.StartsWith("text/") ? "text/plain; charset=utf-8" : content.ContentType;
        return TypedResults.File(content.OpenRead(), type, null, content.ModifiedAt, etag, enableRangeProcessing: true);
    }
}

internal static class RecipientHeaders
{
    /// <summary>LK-7: recipients' pages are never indexed and never leak the token through Referer.</summary>
    public static void Apply(HttpResponse response)
    {
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers["X-Robots-Tag"] = "noindex, nofollow";
        response.Headers.CacheControl = "private, no-store";
    }
}
