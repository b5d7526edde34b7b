using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using TeamShare.SharedKernel.Http;
using TeamShare.SharedKernel.Security;
using TeamShare.Spaces.Contracts;
using TeamShare.Spaces.Data;

namespace TeamShare.Spaces.Items;

internal sealed record CreateFolderRequest(string? Name, Guid? ParentId);

internal static class CreateFolderEndpoint
{
    public static async Task<IResult> Handle(Guid spaceId, CreateFolderRequest body, ClaimsPrincipal user,
        FolderLookup folders, ItemWriter writer, CancellationToken ct)
    {
        if (ItemNames.Problem(body.Name) is { } problem) return Problems.Field("name", problem);
        var userId = user.GetUserId();
        var found = await folders.FindAsync(userId, user.GetTeamId(), spaceId, body.ParentId, ct);
        if (found is null) return Problems.NotFound();
        if (found.Value.Role < AccessRole.Editor)
            return Problems.Status(403, "Not allowed", "You can view this folder but not add to it.", "role_too_low");
        var folder = await writer.AddAsync(found.Value.Folder, body.Name!, ItemKinds.Folder, userId, ct: ct);
        return TypedResults.Created($"/api/items/{folder.Id}", folder.ToDto(AccessRole.Owner));
    }
}
