using Microsoft.EntityFrameworkCore;
using TeamShare.SharedKernel.Http;
using TeamShare.SharedKernel.WebDav;
using TeamShare.Spaces.Data;
using TeamShare.Spaces.Items;

namespace TeamShare.Spaces.WebDav;

internal sealed partial class SpaceDav
{
    /// <summary>
    /// PROPFIND, Depth 0 or 1 (absent means 1, as most servers do for clients that omit it); infinity is refused with 403
    /// propfind-finite-depth, which RFC 4918 §9.1 allows. Children need no role query: SP-8 roles only grow downwards.
    /// </summary>
    private async Task PropFindAsync(Call c)
    {
        var depth = DavRequest.Depth(c.Request, "1");
        if (depth is null)
        {
            await Answer(c.Http, Problems.Field("Depth", "Depth is 0 or 1."));
            return;
        }
        if (depth == "infinity")
        {
            await DavXml.WriteErrorAsync(c.Http.Response, 403, "propfind-finite-depth");
            return;
        }
        PropFindRequest? request;
        try { request = PropFindRequest.From(await DavXml.ReadBodyAsync(c.Request, c.Ct)); }
        catch (FormatException) { request = null; }
        if (request is null)
        {
            await Answer(c.Http, Problems.Field("body", "Send a DAV:propfind element with allprop, propname or prop."));
            return;
        }
        if (c.Node.Item is not { } item)
        {
            await Answer(c.Http, Problems.NotFound());
            return;
        }

        var children = depth == "1" && item.Kind == ItemKinds.Folder
            ? await FolderLookup.ChildrenOf(db, c.TeamId, item.Id).ToListAsync(c.Ct)
            : [];
        var ids = children.Select(i => i.Id).Append(item.Id).ToList();
        var dead = await deadProperties.ForAsync(ids, c.Ct);
        var held = await locks.ForListingAsync(c.Node, children, c.Ct);
        var hrefs = held.Select(l => l.ItemId).Distinct().ToDictionary(id => id, id => c.Node.HrefOf(id) ?? ChildHref(c.Node, children, id));

        var responses = new List<System.Xml.Linq.XElement>
        {
            request.ResponseFor(EntryOf(item, c.Node.Href, c.Node.Name), dead[item.Id].ToList(),
                DavLocks.Discovery(DavLocks.Applying(held, item).Select(l => (l, hrefs[l.ItemId]))), locking: true),
        };
        foreach (var child in children)
        {
            var href = DavRequest.Href(c.Node.Href, [child.Name], child.Kind == ItemKinds.Folder);
            responses.Add(request.ResponseFor(EntryOf(child, href, child.Name), dead[child.Id].ToList(),
                DavLocks.Discovery(DavLocks.Applying(held, child).Select(l => (l, hrefs[l.ItemId]))), locking: true));
        }
        await DavXml.WriteMultiStatusAsync(c.Http.Response, responses);
    }

    private static string? ChildHref(DavNode node, IReadOnlyList<Item> children, Guid id) =>
        children.FirstOrDefault(x => x.Id == id) is { } child ? DavRequest.Href(node.Href, [child.Name], child.Kind == ItemKinds.Folder) : null;
}
