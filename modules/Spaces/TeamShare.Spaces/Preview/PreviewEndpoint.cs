using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
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
        return preview is null ? NoPreview() : Serve(preview, response);
    }

    public static IResult NoPreview() =>
        Problems.Status(415, "No preview", "This kind of file cannot be shown here; download it instead.", "no_preview");

    /// <summary>Shared with link previews, so every preview goes out with the same headers.</summary>
    public static IResult Serve(ItemPreview preview, HttpResponse response)
    {
        response.Headers.ContentSecurityPolicy = preview.ContentSecurityPolicy;
        response.Headers.ContentDisposition = "inline";
        response.Headers.XFrameOptions = "SAMEORIGIN";
        return TypedResults.File(preview.OpenRead(), preview.ContentType, null, preview.ModifiedAt,
            EntityTagHeaderValue.Parse(preview.ETag), enableRangeProcessing: !preview.ContentType.StartsWith("text/html"));
    }
}
