using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace TeamShare.SharedKernel.Http;

/// <summary>Reads the first file of a multipart body section by section, so the file streams and is never buffered whole.</summary>
public static class MultipartFile
{
    public const string Field = "file";

    public static bool TryGetBoundary(HttpRequest request, out string boundary)
    {
        boundary = "";
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            || !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value is not { Length: > 0 } value)
            return false;
        boundary = value;
        return true;
    }

    /// <summary>Hands the file field's name and body to <paramref name="handle"/>; null when the body holds no such field.</summary>
    public static async Task<IResult?> ReadAsync(HttpRequest request, string boundary, Func<string, Stream, Task<IResult>> handle, CancellationToken ct)
    {
        var reader = new MultipartReader(boundary, request.Body);
        while (await reader.ReadNextSectionAsync(ct) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                || !disposition.IsFileDisposition() || disposition.Name.Value?.Trim('"') != Field)
                continue;
            var name = disposition.FileNameStar.HasValue ? disposition.FileNameStar.Value! : HeaderUtilities.RemoveQuotes(disposition.FileName).Value ?? "";
            return await handle(name, section.Body);
        }
        return null;
    }

    public static IResult NotMultipart() => Problems.Field(Field, "Send the file as multipart/form-data in a field named \"file\".");
    public static IResult Missing() => Problems.Field(Field, "No file was sent in the field \"file\".");
}

public static class RequestBodyLimit
{
    /// <summary>Kestrel's default 30 MB body limit would cut uploads short; the configured limit is enforced while streaming.</summary>
    public static void Lift(HttpRequest request, long limit)
    {
        if (request.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            feature.MaxRequestBodySize = limit + 64 * 1024;
    }
}
