using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace TeamShare.SharedKernel.Http;

/// <summary>How file bodies leave TeamShare on every path (members, links, external recipients), so they carry the same headers.</summary>
public static class FileResponses
{
    /// <summary>An attachment (RFC 6266 name), streamed, with Range and an ETag made from the content's SHA-256.</summary>
    public static FileStreamHttpResult Download(Stream body, string contentType, string name, DateTime modified, string sha256) =>
        TypedResults.File(body, contentType, name, modified, new EntityTagHeaderValue($"\"{sha256}\""), enableRangeProcessing: true);

    /// <summary>Inline, under the sandboxing policy Spaces chose for the type (SP-4); only our own pages may frame it.</summary>
    public static FileStreamHttpResult Preview(HttpResponse response, Stream body, string contentType, string contentSecurityPolicy, string etag, DateTime modified)
    {
        response.Headers.ContentSecurityPolicy = contentSecurityPolicy;
        response.Headers.ContentDisposition = "inline";
        response.Headers.XFrameOptions = "SAMEORIGIN";
        MustRevalidate(response);
        return TypedResults.File(body, contentType, null, modified, EntityTagHeaderValue.Parse(etag),
            enableRangeProcessing: !contentType.StartsWith("text/html"));
    }

    /// <summary>A type with no safe inline form: the recipient is told to download it.</summary>
    public static ProblemHttpResult NoPreview() =>
        Problems.Status(415, "No preview", "This kind of file cannot be shown here; download it instead.", "no_preview");

    /// <summary>
    /// A rendered page or thumbnail (issue 25): an image we made, never the file's own bytes, when its render is
    /// <c>ready</c>; 503 while <c>rendering</c>; otherwise there is none (Spaces' <c>PageStatus</c>, which this kernel cannot
    /// reference). The same answer for members, links and invitations.
    /// </summary>
    public static Results<FileStreamHttpResult, ProblemHttpResult> Page(HttpResponse response, string status, Func<Stream>? open, string etag)
    {
        if (status == "rendering") return StillRendering(response);
        if (status != "ready" || open is null) return NoPages();
        response.Headers.ContentDisposition = "inline";
        MustRevalidate(response);
        return TypedResults.File(open(), "image/png", null, null, EntityTagHeaderValue.Parse(etag), enableRangeProcessing: false);
    }

    /// <summary>
    /// A preview's address stays the same when its file gets a new version, so a browser must ask before reusing what it kept
    /// (a 304 by the content's ETag when nothing changed). Without this, Last-Modified let it reuse an old preview for hours
    /// (issue 28: "after Save as new version the preview shows the old text"). Recipients' no-store stays as it is.
    /// </summary>
    private static void MustRevalidate(HttpResponse response)
    {
        if (string.IsNullOrEmpty(response.Headers.CacheControl)) response.Headers.CacheControl = "private, no-cache";
    }

    /// <summary>Pages asked for before their render is done: 503 with Retry-After, so clients and the viewer ask again.</summary>
    public static ProblemHttpResult StillRendering(HttpResponse response)
    {
        response.Headers.RetryAfter = "2";
        return Problems.Status(503, "Still rendering", "The pages of this file are being prepared; ask again in a moment.", "rendering");
    }

    /// <summary>A file whose pages could not be made (damaged, encrypted, too large) or whose kind has none on this server.</summary>
    public static ProblemHttpResult NoPages() =>
        Problems.Status(404, "No preview", "There is no preview of this file.", "no_preview");
}
