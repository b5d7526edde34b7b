using System.Text;
using System.Xml;
using System.Xml.Linq;
using Microsoft.AspNetCore.Http;

namespace TeamShare.SharedKernel.WebDav;

/// <summary>RFC 4918 XML: reading request bodies safely and writing 207 Multi-Status answers.</summary>
public static class DavXml
{
    public static readonly XNamespace D = "DAV:";
    private const int MaxBodyBytes = 1 << 20;

    /// <summary>
    /// The request's XML body, or null when there is none. Throws <see cref="FormatException"/> when it is not well-formed
    /// (the caller answers 400); DTDs are refused so no entity expansion or external fetch can happen.
    /// </summary>
    public static async Task<XDocument?> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength == 0) return null;
        if (request.ContentLength > MaxBodyBytes) throw new FormatException("The XML body is too large.");
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, ct);
        if (buffer.Length > MaxBodyBytes) throw new FormatException("The XML body is too large.");
        if (buffer.Length == 0 || buffer.ToArray().All(b => b is (byte)' ' or (byte)'\r' or (byte)'\n' or (byte)'\t')) return null;
        buffer.Position = 0;
        try
        {
            using var reader = XmlReader.Create(buffer, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            return XDocument.Load(reader);
        }
        catch (XmlException e) { throw new FormatException(e.Message, e); }
    }

    /// <summary>"HTTP/1.1 200 OK" and friends, as a status element.</summary>
    public static XElement Status(int code) => new(D + "status", $"HTTP/1.1 {code} {ReasonPhrase(code)}");

    public static string ReasonPhrase(int code) => code switch
    {
        200 => "OK", 201 => "Created", 204 => "No Content", 403 => "Forbidden", 404 => "Not Found", 409 => "Conflict",
        412 => "Precondition Failed", 423 => "Locked", 424 => "Failed Dependency", 507 => "Insufficient Storage",
        _ => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(code),
    };

    public static XElement Response(string href, params object[] content) => new(D + "response", new XElement(D + "href", href), content);

    public static XElement PropStat(int status, IEnumerable<XElement> props) =>
        new(D + "propstat", new XElement(D + "prop", props), Status(status));

    public static Task WriteMultiStatusAsync(HttpResponse response, IEnumerable<XElement> responses) =>
        WriteAsync(response, 207, new XElement(D + "multistatus", new XAttribute(XNamespace.Xmlns + "D", D.NamespaceName), responses));

    public static async Task WriteAsync(HttpResponse response, int status, XElement root)
    {
        response.StatusCode = status;
        response.ContentType = "application/xml; charset=utf-8";
        if (root.Attribute(XNamespace.Xmlns + "D") is null && root.Name.Namespace == D)
            root.Add(new XAttribute(XNamespace.Xmlns + "D", D.NamespaceName));
        var text = new XDocument(new XDeclaration("1.0", "utf-8", null), root).Declaration + "\n" + root.ToString(SaveOptions.DisableFormatting);
        await response.WriteAsync(text, Encoding.UTF8);
    }

    /// <summary>An RFC 4918 error body naming the precondition that failed, e.g. propfind-finite-depth.</summary>
    public static Task WriteErrorAsync(HttpResponse response, int status, string precondition) =>
        WriteAsync(response, status, new XElement(D + "error", new XElement(D + precondition)));
}
