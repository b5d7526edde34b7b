using System.Globalization;
using System.Xml.Linq;

namespace TeamShare.SharedKernel.WebDav;

/// <summary>One resource as PROPFIND shows it: its live properties (RFC 4918 §15) and whatever dead ones it carries.</summary>
public sealed record DavEntry(string Href, bool IsCollection, string DisplayName, long Length, string? ContentType, string? ETag,
    DateTime Modified, DateTime Created)
{
    private static readonly XNamespace D = DavXml.D;

    public static readonly IReadOnlyList<XName> LiveNames =
    [
        D + "creationdate", D + "displayname", D + "getcontentlength", D + "getcontenttype", D + "getetag", D + "getlastmodified",
        D + "resourcetype", D + "supportedlock", D + "lockdiscovery",
    ];

    public static bool IsLive(XName name) => LiveNames.Contains(name);

    /// <summary>A live property's value, or null when this resource has none of that name (files only have a length).</summary>
    public XElement? Live(XName name, XElement? lockDiscovery, bool locking)
    {
        if (name == D + "creationdate") return new(name, Created.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        if (name == D + "displayname") return new(name, DisplayName);
        if (name == D + "getlastmodified") return new(name, Modified.ToString("R", CultureInfo.InvariantCulture));
        if (name == D + "resourcetype") return new(name, IsCollection ? new XElement(D + "collection") : null);
        if (name == D + "getetag") return ETag is null ? null : new(name, ETag);
        if (name == D + "getcontentlength") return IsCollection ? null : new(name, Length);
        if (name == D + "getcontenttype") return IsCollection || ContentType is null ? null : new(name, ContentType);
        if (name == D + "supportedlock") return locking ? SupportedLock() : null;
        if (name == D + "lockdiscovery") return locking ? lockDiscovery ?? new XElement(name) : null;
        return null;
    }

    private static XElement SupportedLock() => new(D + "supportedlock",
        new XElement(D + "lockentry", new XElement(D + "lockscope", new XElement(D + "exclusive")), new XElement(D + "locktype", new XElement(D + "write"))),
        new XElement(D + "lockentry", new XElement(D + "lockscope", new XElement(D + "shared")), new XElement(D + "locktype", new XElement(D + "write"))));
}
