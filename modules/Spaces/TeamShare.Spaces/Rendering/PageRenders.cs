using System.Security.Cryptography;
using System.Text;
using Mediator;
using Microsoft.EntityFrameworkCore;
using TeamShare.Spaces.Contracts;
using TeamShare.Spaces.Data;

namespace TeamShare.Spaces.Rendering;

/// <summary>
/// What a file's pages are now: read from the cache, or queued for rendering. Every path that shows pages (members, links,
/// WebDAV never) asks here after deciding access, so they all see the same renders.
/// </summary>
internal sealed class PageRenders(RenderCache cache, RenderQueue queue, RenderTools tools)
{
    public PagesInfo Info(Item item)
    {
        var format = RenderFormats.Of(item);
        if (format == RenderFormat.None) return new PagesInfo(PageStatus.Unsupported, 0, Reason: "kind");
        if (!tools.CanRender(format)) return new PagesInfo(PageStatus.Unsupported, 0, Reason: "not_available");
        var hash = item.ContentSha256!;
        if (cache.Read(hash) is { } done) return new PagesInfo(done.Status, done.Pages, done.Truncated);
        queue.Request(new RenderJob(hash, format, RenderFormats.SourceExtension(item)));
        return new PagesInfo(PageStatus.Rendering, 0);
    }

    public PageImage? Open(Item item, int page, string? watermark)
    {
        if (page < 0) return null;
        var hash = item.ContentSha256!;
        var path = page == 0 ? cache.ThumbnailPath(hash) : cache.PagePath(hash, page);
        // A render moves into place whole, so a page on disk is a ready one: turning pages reads no result file.
        if (RenderFormats.Of(item) == RenderFormat.None || !File.Exists(path))
        {
            var info = Info(item);
            if (info.Status != PageStatus.Ready) return new PageImage(info.Status, "", null);
            if (page > info.Pages) return null;
        }
        var etag = $"\"{hash[..16]}-{RenderCache.Version}-{page}\"";
        if (watermark is null || page == 0) return new PageImage(PageStatus.Ready, etag, () => File.OpenRead(path));

        // Marked pages are kept beside the page, per text: a recipient turning pages back and forth draws each once.
        var mark = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(watermark)))[..16];
        var marked = Path.Combine(cache.DirectoryOf(hash), "marked", mark, $"{page}.png");
        if (!File.Exists(marked))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(marked)!);
            var temp = marked + "." + Guid.NewGuid().ToString("N");
            File.WriteAllBytes(temp, PageImages.Watermark(path, watermark));
            File.Move(temp, marked, overwrite: true);
        }
        return new PageImage(PageStatus.Ready, $"\"{hash[..16]}-{RenderCache.Version}-{page}-{mark}\"", () => File.OpenRead(marked));
    }
}

internal sealed class PagesHandler(SpacesDbContext db, PageRenders pages) : IRequestHandler<GetPages, PagesInfo?>, IRequestHandler<OpenPage, PageImage?>
{
    public async ValueTask<PagesInfo?> Handle(GetPages r, CancellationToken ct) =>
        await FileAsync(r.TeamId, r.ItemId, ct) is { } item ? pages.Info(item) : null;

    public async ValueTask<PageImage?> Handle(OpenPage r, CancellationToken ct) =>
        await FileAsync(r.TeamId, r.ItemId, ct) is { } item ? pages.Open(item, r.Page, r.Watermark) : null;

    private Task<Item?> FileAsync(Guid teamId, Guid itemId, CancellationToken ct) =>
        db.Items.AsNoTracking().FirstOrDefaultAsync(i => i.Id == itemId && i.TeamId == teamId && i.Kind == ItemKinds.File && i.TrashedAt == null, ct);
}
