using System.Xml.Linq;
using Microsoft.AspNetCore.Http;
using TeamShare.SharedKernel.Http;
using TeamShare.SharedKernel.WebDav;
using TeamShare.Spaces.Blobs;
using TeamShare.Spaces.Contracts;
using TeamShare.Spaces.Data;
using TeamShare.Spaces.Items;

namespace TeamShare.Spaces.WebDav;

internal sealed partial class SpaceDav
{
    private static readonly XNamespace D = DavXml.D;

    /// <summary>
    /// LOCK: exclusive or shared write locks, Depth 0 or infinity, for at most a day (an hour unless asked). A body-less LOCK
    /// with the token in If refreshes. Locking a name that does not exist makes an empty file there (RFC 4918 §7.3).
    /// </summary>
    private async Task LockAsync(Call c)
    {
        var node = c.Node;
        XDocument? body;
        try { body = await DavXml.ReadBodyAsync(c.Request, c.Ct); }
        catch (FormatException)
        {
            await Answer(c.Http, Problems.Field("body", "Send a DAV:lockinfo element."));
            return;
        }
        var timeout = DavRequest.Timeout(c.Request, DavLocks.Standard, DavLocks.Longest);
        if (body is null)
        {
            await RefreshAsync(c, timeout);
            return;
        }
        var info = body.Root!;
        var scope = info.Element(D + "lockscope")?.Elements().FirstOrDefault()?.Name;
        if (info.Name != D + "lockinfo" || (scope != D + "exclusive" && scope != D + "shared")
            || info.Element(D + "locktype")?.Element(D + "write") is null)
        {
            await Answer(c.Http, Problems.Field("body", "Send a DAV:lockinfo with lockscope exclusive or shared and locktype write."));
            return;
        }
        var depth = DavRequest.Depth(c.Request, "infinity");
        if (depth is null or "1")
        {
            await Answer(c.Http, Problems.Field("Depth", "LOCK takes Depth: 0 or infinity."));
            return;
        }
        if (node.Item is null && node.Parent is null)
        {
            await NoParent(c.Http);
            return;
        }
        if (node.Role < AccessRole.Editor)
        {
            await ReadOnly(c.Http);
            return;
        }
        var item = node.Item;
        if (item is null)
        {
            if (ItemNames.Problem(node.Name) is { } problem)
            {
                await Answer(c.Http, Problems.Field("name", problem));
                return;
            }
            if (!await locks.PermitsAsync(node.Parent!, subtree: false, c.UserId, c.Tokens, c.Ct))
            {
                await Locked(c.Http);
                return;
            }
            var empty = (await intake.StoreAsync(c.TeamId, Stream.Null, 0, c.Ct)).Blob!;
            item = await writer.AddExactAsync(node.Parent!, node.Name, ItemKinds.File, c.UserId, i =>
            {
                i.ContentSha256 = empty.Sha256;
                i.ContentType = ContentTypes.Of(node.Name);
            }, c.Ct);
            if (item is null)
            {
                await Answer(c.Http, Problems.Status(409, "Changed meanwhile", "Something took this name at the same moment.", "conflict"));
                return;
            }
        }
        var owner = info.Element(D + "owner") is { } o ? new XElement(o).ToString(SaveOptions.DisableFormatting) : null;
        var taken = await locks.TakeAsync(item, c.UserId, scope == D + "exclusive", depth == "infinity", owner, timeout, c.Ct);
        if (taken is null)
        {
            await DavXml.WriteErrorAsync(c.Http.Response, 423, "no-conflicting-lock");
            return;
        }
        c.Http.Response.Headers["Lock-Token"] = $"<{DavLocks.TokenOf(taken)}>";
        await DavXml.WriteAsync(c.Http.Response, node.Item is null ? 201 : 200,
            new XElement(D + "prop", DavLocks.Discovery([(taken, DavRequest.Href(node.Prefix, node.Segments, item.Kind == ItemKinds.Folder))])));
    }

    /// <summary>A refresh names its lock in the If header; 412 when no lock on the resource matches.</summary>
    private async Task RefreshAsync(Call c, TimeSpan timeout)
    {
        if (c.Node.Item is not { } item)
        {
            await Answer(c.Http, Problems.NotFound());
            return;
        }
        var held = (await locks.CoveringAsync(item, c.Ct)).FirstOrDefault(l => c.Tokens.Contains(DavLocks.TokenOf(l)) && l.UserId == c.UserId);
        if (held is null || await locks.RefreshAsync(held, timeout, c.Ct) is not { } refreshed)
        {
            await Answer(c.Http, Problems.Status(412, "Precondition failed", "Name the lock to refresh in the If header.", "no_lock"));
            return;
        }
        await DavXml.WriteAsync(c.Http.Response, 200, new XElement(D + "prop", DavLocks.Discovery([(refreshed, c.Node.HrefOf(refreshed.ItemId))])));
    }

    /// <summary>UNLOCK: the Lock-Token must name a lock on this resource (409 otherwise), taken by the caller (403 otherwise).</summary>
    private async Task UnlockAsync(Call c)
    {
        if (c.Node.Item is not { } item)
        {
            await Answer(c.Http, Problems.NotFound());
            return;
        }
        var header = c.Request.Headers["Lock-Token"].ToString().Trim().TrimStart('<').TrimEnd('>');
        if (DavLocks.IdOf(header) is not { } id)
        {
            await Answer(c.Http, Problems.Field("Lock-Token", "Send the lock's token as <opaquelocktoken:…>."));
            return;
        }
        var held = (await locks.CoveringAsync(item, c.Ct)).FirstOrDefault(l => l.Id == id);
        if (held is null)
        {
            await DavXml.WriteErrorAsync(c.Http.Response, 409, "lock-token-matches-request-uri");
            return;
        }
        if (held.UserId != c.UserId)
        {
            await Answer(c.Http, Problems.Status(403, "Not allowed", "Only whoever took a lock can release it.", "not_lock_owner"));
            return;
        }
        await locks.ReleaseAsync(id, c.Ct);
        await Status(c.Http, StatusCodes.Status204NoContent);
    }
}
