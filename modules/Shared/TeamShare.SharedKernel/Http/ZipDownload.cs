using System.IO.Compression;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace TeamShare.SharedKernel.Http;

/// <summary>An entry of a ZIP: its path inside the archive ("Plans/2026/a.pdf"; a folder's ends with "/" and opens nothing).</summary>
public sealed record ZipEntry(string Path, DateTime ModifiedAt, Func<Stream>? Open);

/// <summary>
/// A folder or a selection as one ZIP (issue 28), written straight to the response entry after entry: nothing is held whole,
/// so a download of any size starts at once. Deflate at its fastest level; files that are compressed already lose little.
/// </summary>
public static class ZipDownload
{
    public static ZipResult Of(string fileName, IReadOnlyList<ZipEntry> entries) => new(fileName, entries);

    /// <summary>
    /// Paths for items gathered from several places: a name met again in the same folder of the archive gets " (2)", " (3)"…
    /// before its extension, as an upload of a taken name does.
    /// </summary>
    public static string Unique(ISet<string> taken, string folder, string name)
    {
        var path = folder + name;
        for (var n = 2; !taken.Add(path.ToLowerInvariant()); n++) path = folder + Text.NumberedNames.Of(name, n);
        return path;
    }

    /// <summary>The archive as an endpoint's answer (typed, so a route's signature says it answers a ZIP).</summary>
    public sealed class ZipResult(string fileName, IReadOnlyList<ZipEntry> entries) : IResult
    {
        public async Task ExecuteAsync(HttpContext http)
        {
            var ct = http.RequestAborted;
            http.Response.ContentType = "application/zip";
            http.Response.Headers.CacheControl = "private, no-store";
            var disposition = new ContentDispositionHeaderValue("attachment");
            disposition.SetHttpFileName(fileName);
            http.Response.Headers.ContentDisposition = disposition.ToString();
            // ZipArchive still writes a few headers synchronously, even through its async API: allowed for this response only.
            if (http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpBodyControlFeature>() is { } body) body.AllowSynchronousIO = true;
            await using var zip = await ZipArchive.CreateAsync(http.Response.Body, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, ct);
            foreach (var entry in entries)
            {
                var zipped = zip.CreateEntry(entry.Path, CompressionLevel.Fastest);
                zipped.LastWriteTime = new DateTimeOffset(DateTime.SpecifyKind(entry.ModifiedAt, DateTimeKind.Utc));
                if (entry.Open is null) continue;
                await using var target = await zipped.OpenAsync(ct);
                await using var source = entry.Open();
                await source.CopyToAsync(target, ct);
            }
        }
    }
}
