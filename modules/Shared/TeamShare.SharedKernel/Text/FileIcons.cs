using Microsoft.AspNetCore.Html;

namespace TeamShare.SharedKernel.Text;

/// <summary>
/// File-type icons as inline SVG (issue 12): they render the same everywhere without an emoji font, follow the page's CSP
/// (no image requests) and are hidden from screen readers, which read the item's name instead.
/// </summary>
public static class FileIcons
{
    private sealed record Look(string Label, string Colour);

    private static readonly Dictionary<string, Look> ByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        [".pdf"] = new("PDF", "#b42318"),
        [".png"] = new("IMG", "#6f42c1"), [".jpg"] = new("IMG", "#6f42c1"), [".jpeg"] = new("IMG", "#6f42c1"),
        [".gif"] = new("IMG", "#6f42c1"), [".webp"] = new("IMG", "#6f42c1"), [".svg"] = new("IMG", "#6f42c1"),
        [".txt"] = new("TXT", "#495057"), [".md"] = new("MD", "#495057"), [".csv"] = new("CSV", "#146c43"),
        [".xlsx"] = new("XLS", "#146c43"), [".xls"] = new("XLS", "#146c43"), [".ods"] = new("XLS", "#146c43"),
        [".docx"] = new("DOC", "#0a58ca"), [".doc"] = new("DOC", "#0a58ca"), [".odt"] = new("DOC", "#0a58ca"), [".rtf"] = new("DOC", "#0a58ca"),
        [".pptx"] = new("PPT", "#c4511a"), [".ppt"] = new("PPT", "#c4511a"), [".odp"] = new("PPT", "#c4511a"),
        [".zip"] = new("ZIP", "#7a5c00"), [".7z"] = new("ZIP", "#7a5c00"), [".gz"] = new("ZIP", "#7a5c00"), [".tar"] = new("ZIP", "#7a5c00"),
        [".mp3"] = new("AUD", "#a61e4d"), [".wav"] = new("AUD", "#a61e4d"), [".ogg"] = new("AUD", "#a61e4d"), [".m4a"] = new("AUD", "#a61e4d"),
        [".mp4"] = new("VID", "#ab296a"), [".mov"] = new("VID", "#ab296a"), [".webm"] = new("VID", "#ab296a"), [".mkv"] = new("VID", "#ab296a"),
    };

    private static readonly HtmlString Folder = new(
        "<svg class=\"file-icon\" viewBox=\"0 0 24 24\" width=\"20\" height=\"20\" aria-hidden=\"true\" focusable=\"false\" data-icon=\"folder\">" +
        "<path d=\"M2 6a2 2 0 0 1 2-2h5l2 2h9a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H4a2 2 0 0 1-2-2z\" fill=\"#e0a800\"/></svg>");

    /// <summary>Two chain links: the item has a live link.</summary>
    public static readonly HtmlString Link = new(
        "<svg class=\"file-icon\" viewBox=\"0 0 24 24\" width=\"14\" height=\"14\" aria-hidden=\"true\" focusable=\"false\" data-icon=\"link\">" +
        "<path d=\"M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1.2 1.2M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1.2-1.2\" " +
        "fill=\"none\" stroke=\"currentColor\" stroke-width=\"2\" stroke-linecap=\"round\"/></svg>");

    private static readonly Look Generic = new("", "#6c757d");

    // Few looks, each drawn once: pages render an icon per row without allocating or locking.
    private static readonly Dictionary<Look, HtmlString> Rendered = ByExtension.Values.Append(Generic).Distinct().ToDictionary(l => l, Page);

    /// <summary>The icon for an item: folders one shape, files a page labelled by type (from the name, else the content type).</summary>
    public static HtmlString For(string kind, string name, string? contentType = null)
    {
        if (kind == "folder") return Folder;
        return Rendered[ByExtension.GetValueOrDefault(Path.GetExtension(name)) ?? FromContentType(contentType) ?? Generic];
    }

    private static Look? FromContentType(string? type) => type switch
    {
        null => null,
        "application/pdf" => ByExtension[".pdf"],
        _ when type.StartsWith("image/") => ByExtension[".png"],
        _ when type.StartsWith("audio/") => ByExtension[".mp3"],
        _ when type.StartsWith("video/") => ByExtension[".mp4"],
        _ when type.StartsWith("text/") => ByExtension[".txt"],
        _ => null,
    };

    private static HtmlString Page(Look look) => new(
        $"<svg class=\"file-icon\" viewBox=\"0 0 24 24\" width=\"20\" height=\"20\" aria-hidden=\"true\" focusable=\"false\" data-icon=\"{(look.Label.Length == 0 ? "file" : look.Label.ToLowerInvariant())}\">" +
        $"<path d=\"M5 2h9l5 5v15H5z\" fill=\"#fff\" stroke=\"{look.Colour}\" stroke-width=\"1.5\"/><path d=\"M14 2v5h5\" fill=\"none\" stroke=\"{look.Colour}\" stroke-width=\"1.5\"/>" +
        (look.Label.Length == 0 ? "" :
            $"<rect x=\"2\" y=\"12\" width=\"17\" height=\"8\" rx=\"1\" fill=\"{look.Colour}\"/>" +
            $"<text x=\"10.5\" y=\"18.3\" font-size=\"6.2\" font-family=\"system-ui,sans-serif\" font-weight=\"700\" text-anchor=\"middle\" fill=\"#fff\">{look.Label}</text>") +
        "</svg>");
}
