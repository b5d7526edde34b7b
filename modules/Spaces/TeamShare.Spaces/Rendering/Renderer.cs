using System.IO.Compression;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TeamShare.Spaces.Blobs;

using TeamShare.Spaces.Contracts;

namespace TeamShare.Spaces.Rendering;

/// <summary>One render to do: a content, the format its file promises and the extension LibreOffice should see.</summary>
internal sealed record RenderJob(string Sha256, RenderFormat Format, string Extension);

/// <summary>
/// Turns one stored content into page images and a thumbnail, in a work folder of its own. Each program runs confined (see
/// <see cref="RenderTools.RunAsync"/>); a file that is not what its name says, too large unpacked, or that a program cannot
/// finish within its limits ends as "failed". Nothing here throws for a bad file.
/// </summary>
internal sealed class Renderer(IBlobStore blobs, RenderTools tools, IOptions<PreviewOptions> options, ILogger<Renderer> log)
{
    private const long MaxUnpackedBytes = 512L * 1024 * 1024;

    public async Task<RenderResult> RenderAsync(RenderJob job, string work, CancellationToken ct)
    {
        var settings = options.Value;
        try
        {
            var source = Path.Combine(work, "source" + job.Extension);
            await using (var input = blobs.OpenRead(job.Sha256))
            await using (var output = File.Create(source)) await input.CopyToAsync(output, ct);
            if (!LooksRight(source, job.Extension)) return Failed(job, "its content is not what its name says");

            switch (job.Format)
            {
                case RenderFormat.Image:
                    if (!PageImages.Scale(source, Path.Combine(work, "1.png"), settings.PageLongSide)) return Failed(job, "the image cannot be decoded");
                    return Thumbnail(work, new RenderResult(PageStatus.Ready, 1));
                case RenderFormat.Office:
                    var pdf = await ToPdfAsync(source, work, settings, ct);
                    if (pdf is null) return Failed(job, "LibreOffice could not convert it within its limits");
                    return await PagesAsync(job, pdf, work, settings, ct);
                case RenderFormat.Pdf:
                    return await PagesAsync(job, source, work, settings, ct);
                default:
                    return new RenderResult(PageStatus.Failed, 0);
            }
        }
        catch (IOException e)
        {
            log.LogWarning(e, "Render of {Sha256} failed", job.Sha256);
            return new RenderResult(PageStatus.Failed, 0);
        }
    }

    private static bool LooksRight(string source, string extension)
    {
        Span<byte> head = stackalloc byte[1024];
        int read;
        using (var file = File.OpenRead(source)) read = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        if (!RenderFormats.LooksLike(extension, head[..read])) return false;
        if (!head[..read].StartsWith("PK\u0003\u0004"u8)) return true;
        // A ZIP package: refuse one that unpacks to far more than any real document (a zip bomb) before LibreOffice opens it.
        try
        {
            using var zip = ZipFile.OpenRead(source);
            long unpacked = 0;
            foreach (var entry in zip.Entries)
            {
                unpacked += entry.Length;
                if (unpacked > MaxUnpackedBytes || zip.Entries.Count > 10_000) return false;
            }
            return true;
        }
        catch (InvalidDataException) { return false; }
    }

    private async Task<string?> ToPdfAsync(string source, string work, PreviewOptions settings, CancellationToken ct)
    {
        var profile = new Uri(Path.Combine(work, "profile")).AbsoluteUri;
        var ran = await tools.RunAsync(tools.Soffice!,
            ["--headless", "--norestore", "--nologo", "--nolockcheck", "--nodefault", $"-env:UserInstallation={profile}",
             "--convert-to", "pdf", "--outdir", Path.Combine(work, "pdf"), source],
            work, settings.TimeLimit, settings.MemoryBytes, ct);
        var pdf = Path.Combine(work, "pdf", "source.pdf");
        return ran is { Exit: 0 } && File.Exists(pdf) && new FileInfo(pdf).Length > 0 ? pdf : null;
    }

    private async Task<RenderResult> PagesAsync(RenderJob job, string pdf, string work, PreviewOptions settings, CancellationToken ct)
    {
        var info = await tools.RunAsync(tools.PdfInfo!, [pdf], work, settings.TimeLimit, settings.MemoryBytes, ct);
        var pages = info is { Exit: 0 } i ? PageCount(i.Output) : 0;
        if (pages <= 0) return Failed(job, "poppler cannot read it (damaged or encrypted)");
        var rendered = Math.Min(pages, settings.MaxPages);
        var ran = await tools.RunAsync(tools.PdfToPpm!,
            ["-png", "-scale-to", settings.PageLongSide.ToString(), "-f", "1", "-l", rendered.ToString(), pdf, Path.Combine(work, "p")],
            work, settings.TimeLimit, settings.MemoryBytes, ct);
        if (ran is not { Exit: 0 }) return Failed(job, "poppler could not draw its pages within its limits");
        // pdftoppm pads page numbers to the width of the last one (p-01.png … p-12.png).
        foreach (var file in Directory.EnumerateFiles(work, "p-*.png"))
            File.Move(file, Path.Combine(work, $"{int.Parse(Path.GetFileNameWithoutExtension(file)[2..])}.png"));
        if (!File.Exists(Path.Combine(work, "1.png"))) return Failed(job, "poppler drew no page");
        return Thumbnail(work, new RenderResult(PageStatus.Ready, rendered, rendered < pages));
    }

    private static RenderResult Thumbnail(string work, RenderResult result) =>
        PageImages.Scale(Path.Combine(work, "1.png"), Path.Combine(work, "thumb.png"), PageImages.ThumbnailLongSide)
            ? result : new RenderResult(PageStatus.Failed, 0);

    private static int PageCount(string pdfinfo) =>
        pdfinfo.Split('\n').FirstOrDefault(l => l.StartsWith("Pages:", StringComparison.Ordinal)) is { } line
        && int.TryParse(line["Pages:".Length..].Trim(), out var n) ? n : 0;

    private RenderResult Failed(RenderJob job, string why)
    {
        log.LogInformation("No preview for {Sha256} ({Format}): {Reason}", job.Sha256, job.Format, why);
        return new RenderResult(PageStatus.Failed, 0);
    }
}
