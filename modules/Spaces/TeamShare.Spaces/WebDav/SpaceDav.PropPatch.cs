using System.Xml.Linq;
using TeamShare.SharedKernel.Http;
using TeamShare.SharedKernel.WebDav;
using TeamShare.Spaces.Contracts;

namespace TeamShare.Spaces.WebDav;

internal sealed partial class SpaceDav
{
    /// <summary>
    /// PROPPATCH: dead properties are stored as given; live ones are protected (403, and 424 for the rest, since a
    /// PROPPATCH is all or nothing).
    /// </summary>
    private async Task PropPatchAsync(Call c)
    {
        if (c.Node.Item is not { } item)
        {
            await Answer(c.Http, Problems.NotFound());
            return;
        }
        if (c.Node.Role < AccessRole.Editor)
        {
            await ReadOnly(c.Http);
            return;
        }
        XDocument? body;
        try { body = await DavXml.ReadBodyAsync(c.Request, c.Ct); }
        catch (FormatException) { body = null; }
        if (body?.Root is not { } root || root.Name != DavXml.D + "propertyupdate")
        {
            await Answer(c.Http, Problems.Field("body", "Send a DAV:propertyupdate element."));
            return;
        }
        if (!await locks.PermitsAsync(item, subtree: false, c.UserId, c.Tokens, c.Ct))
        {
            await Locked(c.Http);
            return;
        }
        var changes = root.Elements()
            .Where(e => e.Name == DavXml.D + "set" || e.Name == DavXml.D + "remove")
            .SelectMany(e => (e.Element(DavXml.D + "prop")?.Elements() ?? []).Select(p => (Set: e.Name.LocalName == "set", Property: p)))
            .ToList();
        var protectedOnes = changes.Where(x => DavEntry.IsLive(x.Property.Name)).Select(x => x.Property.Name).ToHashSet();
        XElement Named(XName n) => new(n);
        List<XElement> stats;
        if (protectedOnes.Count > 0)
        {
            stats = [DavXml.PropStat(403, protectedOnes.Select(Named))];
            var others = changes.Select(x => x.Property.Name).Where(n => !protectedOnes.Contains(n)).Distinct().ToList();
            if (others.Count > 0) stats.Add(DavXml.PropStat(424, others.Select(Named)));
        }
        else
        {
            await deadProperties.ApplyAsync(item, changes, c.Ct);
            stats = [DavXml.PropStat(200, changes.Select(x => x.Property.Name).Distinct().Select(Named))];
        }
        await DavXml.WriteMultiStatusAsync(c.Http.Response, [DavXml.Response(c.Node.Href, stats)]);
    }
}
