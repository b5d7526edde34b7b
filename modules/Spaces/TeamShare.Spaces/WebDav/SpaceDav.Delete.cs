using Microsoft.AspNetCore.Http;
using TeamShare.SharedKernel.Http;
using TeamShare.SharedKernel.WebDav;
using TeamShare.Spaces.Contracts;
using TeamShare.Spaces.Trash;

namespace TeamShare.Spaces.WebDav;

internal sealed partial class SpaceDav
{
    /// <summary>DELETE: to the trash with everything below (SP-6), restorable from the Trash page; locks on it go with it.</summary>
    private async Task DeleteAsync(Call c)
    {
        var node = c.Node;
        if (node.Item is not { } item)
        {
            await Answer(c.Http, Problems.NotFound());
            return;
        }
        if (DavRequest.Depth(c.Request, "infinity") != "infinity")
        {
            await Answer(c.Http, Problems.Field("Depth", "DELETE takes Depth: infinity."));
            return;
        }
        if (node.IsRoot || node.Role < AccessRole.Editor)
        {
            await Answer(c.Http, Problems.Status(403, "Not allowed", node.IsRoot ? "A space's top folder cannot be deleted." : "Viewers cannot delete.", "role_too_low"));
            return;
        }
        if (!await locks.PermitsAsync(item, subtree: true, c.UserId, c.Tokens, c.Ct)
            || !await locks.PermitsAsync(node.Parent!, subtree: false, c.UserId, c.Tokens, c.Ct))
        {
            await Locked(c.Http);
            return;
        }
        await ItemTrash.MoveAsync(db, item, c.UserId, Now, c.Ct);
        await locks.ReleaseAllAsync(item, c.Ct);
        await Status(c.Http, StatusCodes.Status204NoContent);
    }
}
