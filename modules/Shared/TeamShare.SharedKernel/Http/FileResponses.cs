using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace TeamShare.SharedKernel.Http;

/// <summary>How file bodies leave TeamShare on every path (members, links, external recipients), so they carry the same headers.</summary>
public static class FileResponses
{
    /// <summary>An attachment (RFC 6266 name), streamed, with Range and an ETag made from the content's SHA-256.</summary>
    public static IResult Download(Stream body, string contentType, string name, DateTime modified, string sha256) =>
        TypedResults.File(body, contentType, name, modified, new EntityTagHeaderValue($"\"{sha256}\""), enableRangeProcessing: true);

    /// <summary>Inline, under the sandboxing policy Spaces chose for the type (SP-4); only our own pages may frame it.</summary>
    public static IResult Preview(HttpResponse response, Stream body, string contentType, string contentSecurityPolicy, string etag, DateTime modified)
    {
        response.Headers.ContentSecurityPolicy = contentSecurityPolicy;
        response.Headers.ContentDisposition = "inline";
        response.Headers.XFrameOptions = "SAMEORIGIN";
        return TypedResults.File(body, contentType, null, modified, EntityTagHeaderValue.Parse(etag),
            enableRangeProcessing: !contentType.StartsWith("text/html"));
    }

    /// <summary>A type with no safe inline form: the recipient is told to download it.</summary>
    public static IResult NoPreview() =>
        Problems.Status(415, "No preview", "This kind of file cannot be shown here; download it instead.", "no_preview");
}
