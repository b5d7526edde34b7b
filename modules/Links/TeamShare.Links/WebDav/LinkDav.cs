using TeamShare.Links.Tracking;
using TeamShare.SharedKernel.Publishing;
using System.Xml.Linq;
using Mediator;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TeamShare.Links.Contracts;
using TeamShare.Links.Data;
using TeamShare.Links.Opening;
using TeamShare.Links.Create;
using TeamShare.SharedKernel.Http;
using TeamShare.SharedKernel.Modules;
using TeamShare.SharedKernel.WebDav;
using TeamShare.Spaces.Contracts;

namespace TeamShare.Links.WebDav;

/// <summary>
/// A share link as a WebDAV folder on /dav/links/{token}/… (docs/webdav.md). The link's own rules decide everything, through
/// the same <see cref="LinkGate"/> as its web page (LK-2, LK-7, AD-1/3/4/8): with preview on, PROPFIND lists and GET
/// downloads (each GET counts toward the preview limit, as on the page); an editing link takes PUT onto its files; an upload
/// link takes PUT of new files, and a drop box (upload without preview) shows nothing and renames instead of overwriting.
/// A link to one folder is that folder; a link to several items is a folder holding them.
/// </summary>
internal sealed class LinkDav(LinkGate gate, LinkDavPasswords passwords, IMediator mediator, LinksDbContext db, BestEffort<LinkUsed> uses,
    IOptions<TeamShareOptions> options, TimeProvider clock)
{
    private const string Allowed = "OPTIONS, GET, HEAD, PROPFIND, PUT";
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    /// <summary>Where a path led: the virtual top of a several-item link, an item, or nothing (with the folder it would be in).</summary>
    private sealed record Node(bool IsTop, ItemSummary? Item, ItemSummary? Folder, string Name, string Href);

    public async Task HandleAsync(HttpContext http, string token, string? path)
    {
        var ct = http.RequestAborted;
        RecipientHeaders.Apply(http.Response);
        var method = http.Request.Method.ToUpperInvariant();
        if (method == "OPTIONS")
        {
            DavRequest.Options(http.Response, locking: false, Allowed);
            return;
        }
        var (link, refusal) = await gate.OpenAsync(new LinkEntry(LinkEntry.LinkPrefix, token), http, ct, checkPassword: false);
        if (link is null)
        {
            await RefusalText.Problem(refusal).ExecuteAsync(http);
            return;
        }
        if (await passwords.CheckAsync(http, link.Link, link.VisitorIsMember, ct) is { } refused)
        {
            await refused.ExecuteAsync(http);
            return;
        }
        var share = link.Link;
        var segments = DavRequest.Segments(path);
        var prefix = $"/dav/links/{Uri.EscapeDataString(token)}";
        // A drop box shows nothing: only its own top folder exists, and a PUT of a name directly in it is an upload.
        var node = share.AllowPreview ? await ResolveAsync(link, segments, prefix, http, ct)
            : segments.Length == 0 ? new Node(true, null, null, "", prefix + "/")
            : segments.Length == 1 ? new Node(false, null, link.Items.FirstOrDefault(i => i.Kind == "folder"), segments[0], "") : null;
        if (node is null)
        {
            await Problems.NotFound().ExecuteAsync(http);
            return;
        }
        await (method switch
        {
            "PROPFIND" => PropFindAsync(http, link, node, ct),
            "GET" or "HEAD" => GetAsync(http, link, node, method == "HEAD", ct),
            "PUT" => PutAsync(http, link, node, ct),
            _ => Problems.Status(405, "Method not allowed", $"A link takes {Allowed}.", "method_not_allowed").ExecuteAsync(http),
        });
    }

    private async Task<Node?> ResolveAsync(OpenedLink link, string[] segments, string prefix, HttpContext http, CancellationToken ct)
    {
        var single = link.Items is [{ Kind: "folder" } only] ? only : null;
        ItemSummary? current = single;
        var href = prefix;
        for (var k = 0; k < segments.Length; k++)
        {
            var children = current is null ? link.Items : await gate.ChildrenAsync(link, current.Id, http.User, ct);
            var child = current is { Kind: not "folder" } ? null
                : children.FirstOrDefault(c => string.Equals(c.Name, segments[k], StringComparison.OrdinalIgnoreCase));
            if (child is null)
                return k == segments.Length - 1 && current is { Kind: "folder" } ? new Node(false, null, current, segments[k], "") : null;
            href += "/" + Uri.EscapeDataString(child.Name);
            current = child;
        }
        if (segments.Length == 0) return single is null ? new Node(true, null, null, "", prefix + "/") : new Node(false, single, null, single.Name, prefix + "/");
        return new Node(false, current, null, current!.Name, current.Kind == "folder" ? href + "/" : href);
    }

    private async Task PropFindAsync(HttpContext http, OpenedLink link, Node node, CancellationToken ct)
    {
        var depth = DavRequest.Depth(http.Request, "1");
        if (depth is null or "infinity")
        {
            await DavXml.WriteErrorAsync(http.Response, 403, "propfind-finite-depth");
            return;
        }
        PropFindRequest? request;
        try { request = PropFindRequest.From(await DavXml.ReadBodyAsync(http.Request, ct)); }
        catch (FormatException) { request = null; }
        if (request is null)
        {
            await Problems.Field("body", "Send a DAV:propfind element with allprop, propname or prop.").ExecuteAsync(http);
            return;
        }
        if (!node.IsTop && node.Item is null)
        {
            await Problems.NotFound().ExecuteAsync(http);
            return;
        }
        var entries = new List<DavEntry>
        {
            node.IsTop ? new DavEntry(node.Href, true, "Shared with you", 0, null, null, link.Link.CreatedAt, link.Link.CreatedAt) : EntryOf(node.Item!, node.Href),
        };
        if (depth == "1" && link.Link.AllowPreview && (node.IsTop || node.Item!.Kind == "folder"))
        {
            var children = node.IsTop ? link.Items : await gate.ChildrenAsync(link, node.Item!.Id, http.User, ct);
            entries.AddRange(children.Select(c => EntryOf(c, node.Href + Uri.EscapeDataString(c.Name) + (c.Kind == "folder" ? "/" : ""))));
        }
        await DavXml.WriteMultiStatusAsync(http.Response, entries.Select(e => request.ResponseFor(e, [], null, locking: false)));
    }

    private static DavEntry EntryOf(ItemSummary item, string href) => new(href, item.Kind == "folder", item.Name, item.Size,
        item.Kind == "folder" ? null : ContentTypes.TryGetContentType(item.Name, out var type) ? type : "application/octet-stream",
        $"\"{item.Id:N}-{item.ModifiedAt.Ticks:x}\"", item.ModifiedAt, item.ModifiedAt);

    /// <summary>GET counts toward the preview limit like a download from the page (LK-2), range or not; HEAD shows headers only.</summary>
    private async Task GetAsync(HttpContext http, OpenedLink link, Node node, bool head, CancellationToken ct)
    {
        var share = link.Link;
        if (node.Item is not { Kind: "file" } item)
        {
            if (node.IsTop || node.Item is not null)
            {
                http.Response.ContentType = "text/plain; charset=utf-8";
                await http.Response.WriteAsync("A shared folder. Connect a WebDAV client to this address.\n", ct);
            }
            else await Problems.NotFound().ExecuteAsync(http);
            return;
        }
        if (!share.AllowDownload)
        {
            await Problems.Status(403, "Not allowed", "This link does not allow downloading.", "download_not_allowed").ExecuteAsync(http);
            return;
        }
        if (await mediator.Send(new OpenItemContent(share.TeamId, item.Id), ct) is not { } content)
        {
            await Problems.NotFound().ExecuteAsync(http);
            return;
        }
        if (!head)
        {
            if (!await gate.TryCountViewAsync(share.Id, download: true, ct))
            {
                await RefusalText.Problem(LinkRefusal.LimitReached).ExecuteAsync(http);
                return;
            }
            uses.Publish(Visitors.Used(http, share.Id, share.TeamId, "downloaded", item.Id, clock.GetUtcNow().UtcDateTime));
        }
        await FileResponses.Download(content.OpenRead(), content.ContentType, content.Name, content.ModifiedAt, content.Sha256).ExecuteAsync(http);
    }

    /// <summary>
    /// PUT onto a file of an editing link is a new version (LK-2); a new name in a folder of an upload link is an upload (LK-8),
    /// never overwriting: in a drop box even a name that exists becomes a new, renamed file, and the answer does not tell.
    /// </summary>
    private async Task PutAsync(HttpContext http, OpenedLink link, Node node, CancellationToken ct)
    {
        var share = link.Link;
        RequestBodyLimit.Lift(http.Request, options.Value.MaxUploadBytes);
        FileWriteResult written;
        string use;
        if (node.Item is { Kind: "file" } file && share.AllowPreview)
        {
            if (!share.AllowEdit)
            {
                await Problems.Status(403, "Not allowed", "This link does not allow changing its files.", "edit_not_allowed").ExecuteAsync(http);
                return;
            }
            written = await mediator.Send(new ReplaceFileContent(share.TeamId, file.Id, share.OwnerUserId, http.Request.Body), ct);
            use = "edited";
        }
        else if (node is { Item: null, Folder: { } folder })
        {
            if (!share.AllowUpload)
            {
                await Problems.Status(403, "Not allowed", "This link does not allow uploading.", "upload_not_allowed").ExecuteAsync(http);
                return;
            }
            var teamLimit = await DropBoxLimits.TeamLimitAsync(db, share.TeamId, ct);
            var room = DropBoxLimits.Remaining(share, teamLimit);
            if (room == 0 || http.Request.ContentLength > room)
            {
                await DropBoxLimits.Full(share, teamLimit).ExecuteAsync(http);
                return;
            }
            written = await mediator.Send(new AddFileToFolder(share.TeamId, folder.Id, share.OwnerUserId, node.Name, http.Request.Body, room), ct);
            use = "uploaded";
            if (written.Problem == "too_large" && room < options.Value.MaxUploadBytes)
            {
                await DropBoxLimits.Full(share, teamLimit).ExecuteAsync(http);
                return;
            }
            if (written.Item is not null) await mediator.Send(new CountLinkUpload(share.Id, written.Item.Size), ct);
        }
        else
        {
            await Problems.Status(405, "Method not allowed", "Files can only be put into a folder of this link.", "method_not_allowed").ExecuteAsync(http);
            return;
        }
        if (written.Item is null)
        {
            await FileWriteProblems.Of(written, "name").ExecuteAsync(http);
            return;
        }
        uses.Publish(Visitors.Used(http, share.Id, share.TeamId, use, written.Item.Id, clock.GetUtcNow().UtcDateTime));
        http.Response.StatusCode = use == "edited" ? StatusCodes.Status204NoContent : StatusCodes.Status201Created;
    }
}

internal static class LinkDavEndpoints
{
    public static Task Handle(string token, string? path, HttpContext http, LinkDav dav) => dav.HandleAsync(http, token, path);
}
