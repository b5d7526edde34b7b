using System.Xml.Linq;
using Microsoft.AspNetCore.Http;
using TeamShare.SharedKernel.Http;
using TeamShare.SharedKernel.Localization;
using TeamShare.SharedKernel.Security;
using TeamShare.SharedKernel.WebDav;
using TeamShare.Spaces.Items;

namespace TeamShare.Spaces.WebDav;

/// <summary>
/// /dav/ and /dav/spaces/: a read-only folder whose entries are the spaces the member reaches (personal first, then team
/// spaces): at /dav/ each is a folder of its name (<see cref="DriveFolders"/>), so a client mounted there finds everything.
/// </summary>
internal static class DavRoot
{
    public static async Task Handle(HttpContext http, VisibleSpaces visible, TimeProvider clock)
    {
        var method = http.Request.Method.ToUpperInvariant();
        var href = http.Request.Path.Value!.TrimEnd('/') + "/";
        switch (method)
        {
            case "OPTIONS":
                DavRequest.Options(http.Response, locking: true, "OPTIONS, GET, HEAD, PROPFIND");
                return;
            case "GET" or "HEAD":
                http.Response.ContentType = "text/plain; charset=utf-8";
                await http.Response.WriteAsync("TeamShare WebDAV. Connect a WebDAV client to this address; see /account/webdav.\n");
                return;
            case "PROPFIND":
                break;
            default:
                await Problems.Status(405, "Method not allowed", "This folder lists your spaces; it cannot be changed.").ExecuteAsync(http);
                return;
        }
        var depth = DavRequest.Depth(http.Request, "1");
        if (depth is null or "infinity")
        {
            await DavXml.WriteErrorAsync(http.Response, 403, "propfind-finite-depth");
            return;
        }
        PropFindRequest? request;
        try { request = PropFindRequest.From(await DavXml.ReadBodyAsync(http.Request, http.RequestAborted)); }
        catch (FormatException) { request = null; }
        if (request is null)
        {
            await Problems.Field("body", "Send a DAV:propfind element with allprop, propname or prop.").ExecuteAsync(http);
            return;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var responses = new List<XElement> { request.ResponseFor(new DavEntry(href, true, "TeamShare", 0, null, null, now, now), [], null, locking: false) };
        if (depth == "1")
        {
            var spaces = await visible.ForAsync(http.User.GetUserId(), http.User.GetTeamId(), http.RequestAborted);
            // Each entry's href lies inside the folder listed (clients drop those that do not): /dav/ lists the spaces' folders,
            // /dav/spaces/ their addresses by id.
            var byId = http.Request.Path.StartsWithSegments("/dav/spaces");
            responses.AddRange(DriveFolders.Of(spaces, visible.PersonalNameIn(Cultures.OfAccount(http.User))).Select(f => request.ResponseFor(
                new DavEntry(byId ? $"/dav/spaces/{f.Space.Id}/" : DriveFolders.Href(f.Folder) + "/", true, f.Folder, 0, null,
                    $"\"{f.Space.Id:N}\"", now, now), [], null, locking: false)));
        }
        await DavXml.WriteMultiStatusAsync(http.Response, responses);
    }
}
