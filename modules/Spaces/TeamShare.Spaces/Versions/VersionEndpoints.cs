using Mediator;
using TeamShare.Identity.Contracts;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TeamShare.SharedKernel.Http;
using TeamShare.SharedKernel.Modules;
using TeamShare.SharedKernel.Security;
using TeamShare.Spaces.Access;
using TeamShare.Spaces.Blobs;
using TeamShare.Spaces.Contracts;
using TeamShare.Spaces.Data;
using TeamShare.Spaces.Items;
using TeamShare.Spaces.Upload;

namespace TeamShare.Spaces.Versions;

/// <param name="SavedBy">The display name of whoever saved it (issue 12), or "a former member".</param>
internal sealed record VersionDto(int Number, long Size, DateTime CreatedAt, Guid CreatedBy, bool IsCurrent, string SavedBy);

internal static class VersionEndpoints
{
    /// <summary>PUT /api/items/{id}/content: the request body (streamed) becomes a new version of the file (SP-4, SP-5).</summary>
    public static async Task<IResult> Replace(Guid id, HttpRequest request, ClaimsPrincipal user, EffectiveRoles roles,
        IBlobStore blobs, Versioning versioning, IOptions<TeamShareOptions> options, CancellationToken ct)
    {
        var userId = user.GetUserId();
        var found = await roles.ForItemAsync(userId, user.GetTeamId(), id, ct);
        if (found is not { Role: > AccessRole.None } f || f.Item.Kind != ItemKinds.File) return Problems.NotFound();
        if (f.Role < AccessRole.Editor) return Problems.Status(403, "Not allowed", "Viewers cannot edit.", "role_too_low");
        var limit = options.Value.MaxUploadBytes;
        if (request.ContentLength > limit) return UploadLimits.TooLarge(limit);
        UploadLimits.Lift(request, limit);

        StoredBlob blob;
        try { blob = await blobs.WriteAsync(request.Body, limit, ct); }
        catch (BlobTooLargeException) { return UploadLimits.TooLarge(limit); }
        if (!await versioning.ReplaceAsync(id, blob, null, userId, ct))
            return Problems.Status(409, "Changed meanwhile", "Someone saved this file at the same moment. Reload and try again.", "conflict");
        var (item, role) = (await roles.ForItemAsync(userId, user.GetTeamId(), id, ct))!.Value;
        return TypedResults.Ok(item.ToDto(role));
    }

    /// <summary>GET /api/items/{id}/versions: newest first.</summary>
    public static async Task<IResult> List(Guid id, ClaimsPrincipal user, EffectiveRoles roles, SpacesDbContext db, IMediator mediator, CancellationToken ct)
    {
        var found = await roles.ForItemAsync(user.GetUserId(), user.GetTeamId(), id, ct);
        if (found is not { Role: > AccessRole.None } f || f.Item.Kind != ItemKinds.File) return Problems.NotFound();
        return TypedResults.Ok(await VersionHistory.ListAsync(db, mediator, f.Item, ct));
    }

    /// <summary>POST /api/items/{id}/versions/{number}/restore: an earlier content becomes the newest version again.</summary>
    public static async Task<IResult> Restore(Guid id, int number, ClaimsPrincipal user, EffectiveRoles roles, SpacesDbContext db,
        Versioning versioning, CancellationToken ct)
    {
        var userId = user.GetUserId();
        var found = await roles.ForItemAsync(userId, user.GetTeamId(), id, ct);
        if (found is not { Role: > AccessRole.None } f || f.Item.Kind != ItemKinds.File) return Problems.NotFound();
        if (f.Role < AccessRole.Editor) return Problems.Status(403, "Not allowed", "Viewers cannot restore versions.", "role_too_low");
        var version = await db.Versions.AsNoTracking().FirstOrDefaultAsync(v => v.ItemId == id && v.Number == number, ct);
        if (version is null) return Problems.NotFound();
        if (!await versioning.ReplaceAsync(id, new StoredBlob(version.ContentSha256, version.Size), version.ContentType, userId, ct))
            return Problems.Status(409, "Changed meanwhile", "Someone saved this file at the same moment. Reload and try again.", "conflict");
        var (item, role) = (await roles.ForItemAsync(userId, user.GetTeamId(), id, ct))!.Value;
        return TypedResults.Ok(item.ToDto(role));
    }
}
