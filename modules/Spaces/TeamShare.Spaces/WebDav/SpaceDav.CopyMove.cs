using Microsoft.AspNetCore.Http;
using TeamShare.SharedKernel.Http;
using TeamShare.SharedKernel.Localization;
using TeamShare.SharedKernel.WebDav;
using TeamShare.Spaces.Contracts;
using TeamShare.Spaces.Items;
using TeamShare.Spaces.Trash;

namespace TeamShare.Spaces.WebDav;

internal sealed partial class SpaceDav
{
    /// <summary>
    /// COPY and MOVE within the member's spaces, with the API's rules (SP-7: Editor on the source and on the target folder).
    /// Overwrite: T puts what was at the destination in the trash first (204); F refuses with 412. A destination folder the
    /// member cannot see answers 409 like one that does not exist.
    /// </summary>
    private async Task CopyMoveAsync(Call c, bool move)
    {
        var source = c.Node;
        if (source.Item is not { } item)
        {
            await Answer(c.Http, Problems.NotFound());
            return;
        }
        var depth = DavRequest.Depth(c.Request, "infinity");
        if (depth is null || depth == "1" || (move && depth != "infinity"))
        {
            await Answer(c.Http, Problems.Field("Depth", move ? "MOVE takes Depth: infinity." : "COPY takes Depth: 0 or infinity."));
            return;
        }
        if (DavRequest.DestinationPath(c.Request) is not { } destinationPath)
        {
            await Answer(c.Http, Problems.Field("Destination", "Send the Destination header."));
            return;
        }
        var target = await tree.ResolvePathAsync(c.UserId, c.TeamId, Cultures.OfAccount(c.Http.User), destinationPath, c.Ct);
        if (target is null && !DavTree.InDrive(destinationPath))
        {
            await Answer(c.Http, Problems.Status(502, "Bad gateway", "The destination is not in this server's spaces.", "foreign_destination"));
            return;
        }
        if (target is null || target.Parent is null || target.Role == AccessRole.None)
        {
            await NoParent(c.Http);
            return;
        }
        if (source.IsRoot || target.IsRoot || target.Item?.Id == item.Id || target.Path.Any(p => p.Id == item.Id))
        {
            await Answer(c.Http, Problems.Status(403, "Not allowed", "An item cannot be copied or moved onto itself or into itself.", "same_item"));
            return;
        }
        if (ItemNames.Problem(target.Name) is { } problem)
        {
            await Answer(c.Http, Problems.Field("Destination", problem));
            return;
        }
        var overwrite = DavRequest.Overwrite(c.Request);
        if (target.Item is not null && !overwrite)
        {
            await Answer(c.Http, Problems.Status(412, "Precondition failed", "Something is at the destination and Overwrite is F.", "exists"));
            return;
        }
        if (source.Role < AccessRole.Editor || target.Role < AccessRole.Editor)
        {
            await ReadOnly(c.Http);
            return;
        }
        var permitted = await locks.PermitsAsync(target.Parent, subtree: false, c.UserId, c.Tokens, c.Ct)
            && (target.Item is null || await locks.PermitsAsync(target.Item, subtree: true, c.UserId, c.Tokens, c.Ct))
            && (!move || (await locks.PermitsAsync(item, subtree: true, c.UserId, c.Tokens, c.Ct)
                          && await locks.PermitsAsync(source.Parent!, subtree: false, c.UserId, c.Tokens, c.Ct)));
        if (!permitted)
        {
            await Locked(c.Http);
            return;
        }
        if (target.Item is { } replaced)
        {
            await ItemTrash.MoveAsync(db, replaced, c.UserId, Now, c.Ct);
            await locks.ReleaseAllAsync(replaced, c.Ct);
        }
        if (move) await locks.ReleaseAllAsync(item, c.Ct);
        var outcome = move
            ? await mediator.Send(new MoveItem(c.UserId, c.TeamId, item.Id, new UpdateItemRequest(target.Name, target.Parent.Id)), c.Ct)
            : await mediator.Send(new CopyItem(c.UserId, c.TeamId, item.Id, target.Parent.Id, target.Name, Deep: depth == "infinity"), c.Ct);
        if (!outcome.Ok)
        {
            await Answer(c.Http, outcome.Refusal == Refused.Invalid ? Problems.Status(409, "Conflict", outcome.Message ?? "", "conflict") : outcome.ToHttp(_ => Results.Empty));
            return;
        }
        if (!move)
        {
            var copy = await db.Items.FindAsync([outcome.Value!.Id], c.Ct);
            if (copy is not null) await deadProperties.CopyAsync(item.Id, copy, c.Ct);
        }
        await Status(c.Http, target.Item is null ? StatusCodes.Status201Created : StatusCodes.Status204NoContent);
    }
}
