using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using TeamShare.SharedKernel.Http;
using TeamShare.SharedKernel.Security;
using TeamShare.Spaces.Access;
using TeamShare.Spaces.Blobs;
using TeamShare.Spaces.Contracts;

namespace TeamShare.Spaces.Preview;

internal static class PreviewEndpoint
{
    /// <summary>GET /api/items/{id}/preview: inline, sandboxed; 415 when the type cannot be previewed.</summary>
    public static async Task<IResult> Handle(Guid id, ClaimsPrincipal user, HttpResponse response, EffectiveRoles roles, IBlobStore blobs, CancellationToken ct)
    {
        var found = await roles.ForItemAsync(user.GetUserId(), user.GetTeamId(), id, ct);
        if (found is not { Role: > AccessRole.None } f || f.Item.Kind != "file") return Problems.NotFound();
        var preview = Previews.For(f.Item, blobs);
        return preview is null ? FileResponses.NoPreview()
            : FileResponses.Preview(response, preview.OpenRead(), preview.ContentType, preview.ContentSecurityPolicy, preview.ETag, preview.ModifiedAt);
    }
}
