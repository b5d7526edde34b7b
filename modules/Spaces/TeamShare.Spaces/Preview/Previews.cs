using System.Net;
using System.Text;
using Markdig;
using Mediator;
using Microsoft.EntityFrameworkCore;
using TeamShare.Spaces.Blobs;
using TeamShare.Spaces.Contracts;
using TeamShare.Spaces.Data;
using TeamShare.Spaces.Items;

namespace TeamShare.Spaces.Preview;

/// <summary>
/// SP-4: what can be shown inline, and how. Images, PDF and plain text as they are; Markdown rendered to HTML with raw
/// HTML escaped. Everything carries a sandboxing CSP and nosniff, so uploaded content never runs script in our origin.
/// </summary>
internal static class Previews
{
    public const long MaxMarkdownBytes = 2 * 1024 * 1024;
    private const string SandboxCsp = "sandbox; default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; frame-ancestors 'self'";
    private static readonly string[] Images = ["image/png", "image/jpeg", "image/gif", "image/webp"];
    private static readonly MarkdownPipeline Markdown = new MarkdownPipelineBuilder().UseAdvancedExtensions().DisableHtml().Build();

    public static bool IsMarkdown(Item item) => item.ContentType == "text/markdown" || item.Name.EndsWith(".md", StringComparison.OrdinalIgnoreCase);

    public static bool IsText(Item item) => item.ContentType?.StartsWith("text/") == true || IsMarkdown(item);

    public static bool CanShow(Item item) =>
        item.Kind == ItemKinds.File && (IsText(item) || Images.Contains(item.ContentType) || item.ContentType == "application/pdf");

    public static ItemPreview? For(Item item, IBlobStore blobs)
    {
        if (item.Kind != ItemKinds.File || item.ContentSha256 is null) return null;
        var etag = $"\"{item.ContentSha256}\"";
        Stream Open() => blobs.OpenRead(item.ContentSha256, item.Size);
        if (IsMarkdown(item) && item.Size <= MaxMarkdownBytes)
            return new ItemPreview("text/html; charset=utf-8", SandboxCsp, $"\"md-{item.ContentSha256}\"", item.ModifiedAt, () => RenderMarkdown(Open, item.Name));
        if (IsText(item)) return new ItemPreview("text/plain; charset=utf-8", SandboxCsp, etag, item.ModifiedAt, Open);
        if (Images.Contains(item.ContentType)) return new ItemPreview(item.ContentType!, SandboxCsp, etag, item.ModifiedAt, Open);
        // Chrome's PDF viewer does not run inside a CSP sandbox; the PDF gets a policy that allows nothing else instead.
        if (item.ContentType == "application/pdf")
            return new ItemPreview("application/pdf", "default-src 'none'; object-src 'self'; frame-ancestors 'self'", etag, item.ModifiedAt, Open);
        return null;
    }

    private static Stream RenderMarkdown(Func<Stream> open, string title)
    {
        string source;
        using (var reader = new StreamReader(open(), Encoding.UTF8)) source = reader.ReadToEnd();
        var html = $$"""
            <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{{WebUtility.HtmlEncode(title)}}</title>
            <style>body{font-family:system-ui,sans-serif;max-width:48rem;margin:1rem auto;padding:0 1rem;line-height:1.5}pre{background:#f6f8fa;padding:.5rem;overflow:auto}</style>
            </head><body>{{Markdig.Markdown.ToHtml(source, Markdown)}}</body></html>
            """;
        return new MemoryStream(Encoding.UTF8.GetBytes(html));
    }
}

internal sealed class GetPreviewHandler(SpacesDbContext db, IBlobStore blobs, KeptItems items) : IRequestHandler<GetPreview, ItemPreview?>
{
    public async ValueTask<ItemPreview?> Handle(GetPreview request, CancellationToken ct) =>
        await items.FindAsync(db, request.ItemId, request.TeamId, ct) is { } item ? Previews.For(item, blobs) : null;
}
