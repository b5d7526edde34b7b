using System.Xml.Linq;

namespace TeamShare.SharedKernel.WebDav;

/// <summary>What a PROPFIND asks for (RFC 4918 §9.1): every property, only their names, or the named ones.</summary>
public sealed record PropFindRequest(bool AllProp, bool PropName, IReadOnlyList<XName> Names)
{
    private static readonly XNamespace D = DavXml.D;

    /// <summary>Null when the body is not a propfind element with exactly one of allprop, propname or prop.</summary>
    public static PropFindRequest? From(XDocument? body)
    {
        if (body is null) return new(true, false, []);
        var root = body.Root!;
        if (root.Name != D + "propfind") return null;
        if (root.Element(D + "propname") is not null) return new(false, true, []);
        if (root.Element(D + "allprop") is not null)
            return new(true, false, root.Element(D + "include")?.Elements().Select(e => e.Name).ToList() ?? []);
        return root.Element(D + "prop") is { } prop ? new(false, false, prop.Elements().Select(e => e.Name).ToList()) : null;
    }

    /// <summary>
    /// One resource's response: the asked-for properties that exist under 200, the others under 404. Lock properties are
    /// shown only where locking is offered (member spaces, not links).
    /// </summary>
    public XElement ResponseFor(DavEntry entry, IReadOnlyList<XElement> dead, XElement? lockDiscovery, bool locking)
    {
        if (PropName)
        {
            var names = DavEntry.LiveNames.Where(n => entry.Live(n, lockDiscovery, locking) is not null).Select(n => new XElement(n))
                .Concat(dead.Select(d => new XElement(d.Name)));
            return DavXml.Response(entry.Href, DavXml.PropStat(200, names));
        }
        if (AllProp)
        {
            var found = DavEntry.LiveNames.Select(n => entry.Live(n, lockDiscovery, locking)).OfType<XElement>().Concat(dead).ToList();
            return DavXml.Response(entry.Href, DavXml.PropStat(200, found));
        }
        var ok = new List<XElement>();
        var missing = new List<XElement>();
        foreach (var name in Names)
        {
            var value = DavEntry.IsLive(name) ? entry.Live(name, lockDiscovery, locking) : dead.FirstOrDefault(d => d.Name == name);
            if (value is null) missing.Add(new XElement(name));
            else ok.Add(value);
        }
        var stats = new List<XElement>();
        if (ok.Count > 0) stats.Add(DavXml.PropStat(200, ok));
        if (missing.Count > 0) stats.Add(DavXml.PropStat(404, missing));
        return DavXml.Response(entry.Href, stats);
    }
}
