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
        var content = download ? await mediator.Send(new OpenItemContent(share.TeamId, itemId), ct) : null;
        var preview = download ? null : await mediator.Send(new GetPreview(share.TeamId, itemId), ct);
        if (download && content is null) return Problems.NotFound();
        if (!download && preview is null)
            return Problems.Status(415, "No preview", "This kind of file cannot be shown here; download it instead.", "no_preview");

        // A range request that continues a download already counted does not count again (LK-2).
        var continuing = http.Request.Headers.Range.ToString() is { Length: > 0 } range && !range.StartsWith("bytes=0-");
        if (!continuing && !await gate.TryCountViewAsync(share.Id, download, ct)) return RefusalText.Problem(LinkRefusal.LimitReached);
        await mediator.Publish(new LinkUsed(share.Id, share.TeamId, download ? "downloaded" : "previewed", itemId, clock.GetUtcNow().UtcDateTime), ct);

        if (content is not null)
            return TypedResults.File(content.OpenRead(), content.ContentType, content.Name, content.ModifiedAt,
                new EntityTagHeaderValue($"\"{content.Sha256}\""), enableRangeProcessing: true);
        // The preview's own sandboxing policy, decided by Spaces for every preview path alike (SP-4).
        http.Response.Headers.ContentSecurityPolicy = preview!.ContentSecurityPolicy;
        return TypedResults.File(preview.OpenRead(), preview.ContentType, null, preview.ModifiedAt,
            EntityTagHeaderValue.Parse(preview.ETag), enableRangeProcessing: !preview.ContentType.StartsWith("text/html"));
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
