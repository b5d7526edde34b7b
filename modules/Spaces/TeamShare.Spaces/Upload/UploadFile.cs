using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using TeamShare.SharedKernel.Http;
using TeamShare.SharedKernel.Modules;
using TeamShare.SharedKernel.Security;
using TeamShare.Spaces.Blobs;
using TeamShare.Spaces.Contracts;
using TeamShare.Spaces.Data;
using TeamShare.Spaces.Items;

namespace TeamShare.Spaces.Upload;

internal static class UploadFileEndpoint
{
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    /// <summary>
    /// POST /api/spaces/{spaceId}/files?parentId=, multipart field "file". The body is read section by section and
    /// copied straight to the blob store (SP-2): it is never buffered whole, in memory or on disk, by the framework.
    /// </summary>
    public static async Task<IResult> Handle(Guid spaceId, Guid? parentId, HttpRequest request, ClaimsPrincipal user,
        FolderLookup folders, ItemWriter writer, IBlobStore blobs, IOptions<TeamShareOptions> options, CancellationToken ct)
    {
        var limit = options.Value.MaxUploadBytes;
        if (UploadLimits.ExceedsDeclared(request, limit)) return UploadLimits.TooLarge(limit);
        if (!MultipartFile.TryGetBoundary(request, out var boundary)) return MultipartFile.NotMultipart();

        var userId = user.GetUserId();
        var found = await folders.FindAsync(userId, user.GetTeamId(), spaceId, parentId, ct);
        if (found is null) return Problems.NotFound();
        if (found.Value.Role < AccessRole.Editor)
            return Problems.Status(403, "Not allowed", "You can view this folder but not upload to it.", "role_too_low");

        UploadLimits.Lift(request, limit);

        var result = await MultipartFile.ReadAsync(request, boundary, async (name, body) =>
        {
            if (ItemNames.Problem(name) is { } problem) return Problems.Field(MultipartFile.Field, problem);
            StoredBlob blob;
            try { blob = await blobs.WriteAsync(body, limit, ct); }
            catch (BlobTooLargeException) { return UploadLimits.TooLarge(limit); }
            var item = await writer.AddAsync(found.Value.Folder, name, ItemKinds.File, userId, i =>
            {
                i.Size = blob.Size;
                i.ContentSha256 = blob.Sha256;
                i.ContentType = ContentTypeOf(name);
            }, ct);
            return TypedResults.Created($"/api/items/{item.Id}", item.ToDto(AccessRole.Owner));
        }, ct);
        return result ?? MultipartFile.Missing();
    }

    public static string ContentTypeOf(string name) => ContentTypes.TryGetContentType(name, out var type) ? type : "application/octet-stream";
}
