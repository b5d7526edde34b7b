using TeamShare.Spaces.Data;

namespace TeamShare.Spaces.Rendering;

/// <summary>How a file becomes page images: office documents through LibreOffice to PDF, PDF pages through poppler, images scaled.</summary>
internal enum RenderFormat { None, Office, Pdf, Image }

internal static class RenderFormats
{
    /// <summary>OOXML and OpenDocument files are ZIP packages; anything else under those names is refused before LibreOffice sees it.</summary>
    private static readonly HashSet<string> Zipped = [".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp"];
    /// <summary>The older binary formats are OLE2 compound files.</summary>
    private static readonly HashSet<string> Compound = [".doc", ".xls", ".ppt"];
    private static readonly HashSet<string> Images = ["image/png", "image/jpeg", "image/gif", "image/webp"];

    public static RenderFormat Of(Item item) => Of(item.Kind, item.Name, item.ContentType, item.ContentSha256 is not null);

    /// <summary>The same from the columns alone, for lists that read no more of an item than they show.</summary>
    public static RenderFormat Of(string kind, string name, string? contentType, bool hasContent)
    {
        if (kind != ItemKinds.File || !hasContent) return RenderFormat.None;
        var extension = Path.GetExtension(name).ToLowerInvariant();
        if (Zipped.Contains(extension) || Compound.Contains(extension) || extension is ".rtf" or ".csv") return RenderFormat.Office;
        if (contentType == "application/pdf" || extension == ".pdf") return RenderFormat.Pdf;
        return Images.Contains(contentType ?? "") ? RenderFormat.Image : RenderFormat.None;
    }

    /// <summary>The extension LibreOffice is given, so it picks the filter the name promises and no other.</summary>
    public static string SourceExtension(Item item) => Path.GetExtension(item.Name).ToLowerInvariant() is { Length: > 1 } e ? e : ".bin";

    /// <summary>
    /// Whether the first bytes are what the extension promises: random bytes named .docx would otherwise be imported as text,
    /// and an encrypted OOXML file (an OLE2 container) would make LibreOffice wait for a password.
    /// </summary>
    public static bool LooksLike(string extension, ReadOnlySpan<byte> head)
    {
        if (Zipped.Contains(extension)) return head.StartsWith("PK\u0003\u0004"u8);
        if (Compound.Contains(extension)) return head.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
        if (extension == ".rtf") return head.StartsWith("{\\rtf"u8);
        if (extension == ".pdf") return head.IndexOf("%PDF-"u8) is >= 0 and < 1024;
        return true;
    }
}
