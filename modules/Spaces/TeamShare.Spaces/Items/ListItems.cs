using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using TeamShare.SharedKernel.Http;
using TeamShare.SharedKernel.Security;
using TeamShare.Spaces.Access;
using TeamShare.Spaces.Data;

namespace TeamShare.Spaces.Items;

internal static class ListItemsEndpoint
{
    /// <summary>GET /api/spaces/{spaceId}/items?parentId=: a folder's children, folders first, with the caller's role on each.</summary>
    public static async Task<IResult> Handle(Guid spaceId, Guid? parentId, ClaimsPrincipal user, FolderLookup folders, CancellationToken ct)
    {
        var userId = user.GetUserId();
        var found = await folders.FindAsync(userId, user.GetTeamId(), spaceId, parentId, ct);
        if (found is null) return Problems.NotFound();
        var (folder, role) = found.Value;
        return TypedResults.Ok(await folders.ChildrenAsync(userId, folder, role, ct));
    }
}
