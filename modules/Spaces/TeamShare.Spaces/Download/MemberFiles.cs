using Microsoft.AspNetCore.Http.HttpResults;
using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http;
using TeamShare.SharedKernel.Http;
using TeamShare.SharedKernel.Security;
using TeamShare.Spaces.Access;
using TeamShare.Spaces.Blobs;
using TeamShare.Spaces.Contracts;
using TeamShare.Spaces.Data;
using TeamShare.Spaces.Preview;

namespace TeamShare.Spaces.Download;

/// <summary>A file's content for a member who may open it (SP-8); what to stream, not the stream, so nothing is opened for a refusal.</summary>
internal sealed record OpenMemberFile(Guid UserId, Guid TeamId, Guid Id) : IRequest<Outcome<ItemContent>>;

/// <summary>A file's inline preview for a member who may open it; a success without a value when its type has none.</summary>
internal sealed record OpenMemberPreview(Guid UserId, Guid TeamId, Guid Id) : IRequest<Outcome<ItemPreview?>>;

internal sealed class MemberFilesHandler(EffectiveRoles roles, IBlobStore blobs)
    : IRequestHandler<OpenMemberFile, Outcome<ItemContent>>, IRequestHandler<OpenMemberPreview, Outcome<ItemPreview?>>
{
    public async ValueTask<Outcome<ItemContent>> Handle(OpenMemberFile r, CancellationToken ct) =>
        await roles.ForItemAsync(r.UserId, r.TeamId, r.Id, ct) is { Role: > AccessRole.None } f && f.Item.Kind == ItemKinds.File && f.Item.ContentSha256 is not null
            ? Outcome<ItemContent>.Success(OpenItemContentHandler.ContentOf(f.Item, blobs)) : Outcome<ItemContent>.NotFound();

    public async ValueTask<Outcome<ItemPreview?>> Handle(OpenMemberPreview r, CancellationToken ct) =>
        await roles.ForItemAsync(r.UserId, r.TeamId, r.Id, ct) is { Role: > AccessRole.None } f && f.Item.Kind == ItemKinds.File
            ? Outcome<ItemPreview?>.Success(Previews.For(f.Item, blobs)) : Outcome<ItemPreview?>.NotFound();
}

/// <summary>The endpoints only speak HTTP for a file body: Range, ETag and an RFC 6266 name, or an inline sandboxed preview.</summary>
internal static class MemberFileEndpoints
{
    /// <summary>GET /api/items/{id}/content: streamed.</summary>
    public static async Task<Results<FileStreamHttpResult, Refusal>> Download(Guid id, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new OpenMemberFile(user.GetUserId(), user.GetTeamId(), id), ct))
        .ToHttp(c => FileResponses.Download(c.OpenRead(), c.ContentType, c.Name, c.ModifiedAt, c.Sha256));

    /// <summary>GET /api/items/{id}/preview: inline, sandboxed; 415 when the type cannot be previewed.</summary>
    public static async Task<Results<FileStreamHttpResult, ProblemHttpResult, Refusal>> Preview(Guid id, ClaimsPrincipal user, HttpResponse response,
        IMediator mediator, CancellationToken ct)
    {
        var outcome = await mediator.Send(new OpenMemberPreview(user.GetUserId(), user.GetTeamId(), id), ct);
        if (!outcome.Ok) return outcome.AsRefusal();
        return outcome.Value is not { } p ? FileResponses.NoPreview()
            : FileResponses.Preview(response, p.OpenRead(), p.ContentType, p.ContentSecurityPolicy, p.ETag, p.ModifiedAt);
    }
}
