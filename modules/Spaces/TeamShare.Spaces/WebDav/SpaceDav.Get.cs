using TeamShare.Spaces.Items;
using Microsoft.AspNetCore.Http;
using TeamShare.SharedKernel.Http;
using TeamShare.Spaces.Data;
using TeamShare.Spaces.Upload;

namespace TeamShare.Spaces.WebDav;

internal sealed partial class SpaceDav
{
    /// <summary>GET and HEAD: a file's bytes streamed with Range and its ETag, as the API serves them; a folder says what it is.</summary>
    private async Task GetAsync(Call c)
    {
        if (c.Node.Item is not { } item)
        {
            await Answer(c.Http, Problems.NotFound());
            return;
        }
        if (item.Kind == ItemKinds.Folder)
        {
            c.Http.Response.ContentType = "text/plain; charset=utf-8";
            await c.Http.Response.WriteAsync($"\"{c.Node.Name}\" is a WebDAV folder. Connect a WebDAV client to this address; see /account/webdav.\n", c.Ct);
            return;
        }
        var name = item.Name;
        await Answer(c.Http, FileResponses.Download(blobs.OpenRead(item.ContentSha256!, item.Size), item.ContentType ?? ContentTypes.Of(name),
            name, item.ModifiedAt, ETagValue(item)));
    }
}
