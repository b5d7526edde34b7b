using Microsoft.AspNetCore.Http.HttpResults;
using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using TeamShare.SharedKernel.Http;
using TeamShare.SharedKernel.Modules;
using TeamShare.SharedKernel.Security;
using TeamShare.Spaces.Blobs;
using TeamShare.Spaces.Contracts;
using TeamShare.Spaces.Data;
using TeamShare.Spaces.Items;

namespace TeamShare.Spaces.Upload;

/// <summary>SP-2: a new file in a folder the caller can edit, its body copied straight to the blob store (never buffered whole).</summary>
internal sealed record UploadFile(Guid UserId, Guid TeamId, Guid SpaceId, Guid? ParentId, string Name, Stream Body, long Limit)
    : IRequest<Outcome<ItemDto>>;

internal sealed class UploadFileHandler(FolderLookup folders, ItemWriter writer, ContentIntake intake) : IRequestHandler<UploadFile, Outcome<ItemDto>>
{
    public async ValueTask<Outcome<ItemDto>> Handle(UploadFile r, CancellationToken ct)
    {
        if (await folders.FindAsync(r.UserId, r.TeamId, r.SpaceId, r.ParentId, ct) is not { } found) return Outcome<ItemDto>.NotFound();
        if (found.Role < AccessRole.Editor) return Outcome<ItemDto>.Forbidden("You can view this folder but not upload to it.", "role_too_low");
        if (ItemNames.Problem(r.Name) is { } problem) return Outcome<ItemDto>.Invalid(MultipartFile.Field, problem);
        var taken = await intake.StoreAsync(r.TeamId, r.Body, r.Limit, ct);
        if (taken.Blob is not { } blob) return taken.Refusal!.ToOutcome<ItemDto>();
        var item = await writer.AddAsync(found.Folder, r.Name, ItemKinds.File, r.UserId, i =>
        {
            i.Size = blob.Size;
            i.ContentSha256 = blob.Sha256;
            i.ContentType = ContentTypes.Of(r.Name);
        }, ct);
        return Outcome<ItemDto>.Success(item.ToDto(AccessRole.Owner));
    }
}

internal static class UploadFileEndpoint
{
    /// <summary>
    /// POST /api/spaces/{spaceId}/files?parentId=, multipart field "file". The endpoint only frames the body (limits, the
    /// multipart section); the section's stream goes to <see cref="UploadFile"/> as it arrives.
    /// </summary>
    public static async Task<Results<Created<ItemDto>, Refusal>> Handle(Guid spaceId, Guid? parentId, HttpRequest request, ClaimsPrincipal user,
        IMediator mediator, IOptions<TeamShareOptions> options, CancellationToken ct)
    {
        var limit = options.Value.MaxUploadBytes;
        if (UploadLimits.ExceedsDeclared(request, limit)) return UploadLimits.TooLarge(limit);
        if (!MultipartFile.TryGetBoundary(request, out var boundary)) return new Refusal(MultipartFile.NotMultipart());
        UploadLimits.Lift(request, limit);
        var result = await MultipartFile.ReadAsync(request, boundary, async (name, body) =>
            (await mediator.Send(new UploadFile(user.GetUserId(), user.GetTeamId(), spaceId, parentId, name, body, limit), ct))
            .ToHttp(item => TypedResults.Created($"/api/items/{item.Id}", item)), problem => new Refusal(problem), ct);
        return result ?? new Refusal(MultipartFile.Missing());
    }
}
