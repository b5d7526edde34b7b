using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using TeamShare.SharedKernel.Http;
using TeamShare.SharedKernel.Security;
using TeamShare.Spaces.Access;
using TeamShare.Spaces.Blobs;
using TeamShare.Spaces.Contracts;
using TeamShare.Spaces.Data;

namespace TeamShare.Spaces.Download;

internal static class DownloadContentEndpoint
{
    /// <summary>GET /api/items/{id}/content: streamed, with Range, ETag (the SHA-256) and an RFC 6266 attachment name.</summary>
    public static async Task<IResult> Handle(Guid id, ClaimsPrincipal user, EffectiveRoles roles, IBlobStore blobs, CancellationToken ct)
    {
        var found = await roles.ForItemAsync(user.GetUserId(), user.GetTeamId(), id, ct);
        if (found is not { Role: > AccessRole.None } f || f.Item.Kind != ItemKinds.File || f.Item.ContentSha256 is null)
            return Problems.NotFound();
        var content = OpenItemContentHandler.ContentOf(f.Item, blobs);
        return FileResponses.Download(content.OpenRead(), content.ContentType, content.Name, content.ModifiedAt, content.Sha256);
    }
}
