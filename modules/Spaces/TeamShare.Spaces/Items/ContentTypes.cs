using Microsoft.AspNetCore.StaticFiles;

namespace TeamShare.Spaces.Items;

/// <summary>A file's media type from its name, the same for uploads, WebDAV and links' drop boxes.</summary>
internal static class ContentTypes
{
    private static readonly FileExtensionContentTypeProvider Known = new();

    public static string Of(string name) => Known.TryGetContentType(name, out var type) ? type : "application/octet-stream";
}
