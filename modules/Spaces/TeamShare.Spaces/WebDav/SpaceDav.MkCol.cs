using Microsoft.AspNetCore.Http;
using TeamShare.SharedKernel.Http;
using TeamShare.Spaces.Contracts;
using TeamShare.Spaces.Data;
using TeamShare.Spaces.Items;

namespace TeamShare.Spaces.WebDav;

internal sealed partial class SpaceDav
{
    /// <summary>MKCOL: a folder under exactly that name; 405 when the name is taken, 409 without a parent, 415 with a body.</summary>
    private async Task MkColAsync(Call c)
    {
        var node = c.Node;
        if (c.Request.ContentLength > 0 || c.Request.Headers.TransferEncoding.Count > 0)
        {
            await Answer(c.Http, Problems.Status(415, "Unsupported media type", "MKCOL takes no body.", "mkcol_body"));
            return;
        }
        if (node.Item is not null)
        {
            await Answer(c.Http, Problems.Status(405, "Method not allowed", "Something already has this name.", "exists"));
            return;
        }
        if (node.Parent is null)
        {
            await NoParent(c.Http);
            return;
        }
        if (node.Role < AccessRole.Editor)
        {
            await ReadOnly(c.Http);
            return;
        }
        if (ItemNames.Problem(node.Name) is { } problem)
        {
            await Answer(c.Http, Problems.Field("name", problem));
            return;
        }
        if (!await locks.PermitsAsync(node.Parent, subtree: false, c.UserId, c.Tokens, c.Ct))
        {
            await Locked(c.Http);
            return;
        }
        if (await writer.AddExactAsync(node.Parent, node.Name, ItemKinds.Folder, c.UserId, null, c.Ct) is null)
            await Answer(c.Http, Problems.Status(405, "Method not allowed", "Something already has this name.", "exists"));
        else await Status(c.Http, StatusCodes.Status201Created);
    }
}
