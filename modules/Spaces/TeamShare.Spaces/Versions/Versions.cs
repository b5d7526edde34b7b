using Microsoft.AspNetCore.Http.HttpResults;
using System.Security.Claims;
using Mediator;
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

/// <summary>SP-4, SP-5: the body (streamed) becomes a new version of the file.</summary>
internal sealed record ReplaceContent(Guid UserId, Guid TeamId, Guid Id, Stream Body, long Limit) : IRequest<Outcome<ItemDto>>;

/// <summary>SP-5: an earlier content becomes the newest version again.</summary>
internal sealed record RestoreVersion(Guid UserId, Guid TeamId, Guid Id, int Number) : IRequest<Outcome<ItemDto>>;

/// <summary>SP-5: a file's versions, newest first.</summary>
internal sealed record ListVersions(Guid UserId, Guid TeamId, Guid Id) : IRequest<Outcome<IReadOnlyList<VersionDto>>>;

internal sealed class VersionsHandler(EffectiveRoles roles, SpacesDbContext db, ContentIntake intake, Versioning versioning, IMediator mediator)
    : IRequestHandler<ReplaceContent, Outcome<ItemDto>>, IRequestHandler<RestoreVersion, Outcome<ItemDto>>,
        IRequestHandler<ListVersions, Outcome<IReadOnlyList<VersionDto>>>
{
    public async ValueTask<Outcome<ItemDto>> Handle(ReplaceContent r, CancellationToken ct)
    {
        if (await EditableFileAsync(r.UserId, r.TeamId, r.Id, "Viewers cannot edit.", ct) is { } refused) return refused;
        var taken = await intake.StoreAsync(r.TeamId, r.Body, r.Limit, ct);
        if (taken.Blob is not { } blob) return taken.Refusal!.ToOutcome<ItemDto>();
        return await SavedAsync(r.UserId, r.TeamId, r.Id, blob, null, ct);
    }

    public async ValueTask<Outcome<ItemDto>> Handle(RestoreVersion r, CancellationToken ct)
    {
        if (await EditableFileAsync(r.UserId, r.TeamId, r.Id, "Viewers cannot restore versions.", ct) is { } refused) return refused;
        var version = await db.Versions.AsNoTracking().FirstOrDefaultAsync(v => v.ItemId == r.Id && v.Number == r.Number, ct);
        if (version is null) return Outcome<ItemDto>.NotFound();
        return await SavedAsync(r.UserId, r.TeamId, r.Id, new StoredBlob(version.ContentSha256, version.Size), version.ContentType, ct);
    }

    public async ValueTask<Outcome<IReadOnlyList<VersionDto>>> Handle(ListVersions r, CancellationToken ct)
    {
        var found = await roles.ForItemAsync(r.UserId, r.TeamId, r.Id, ct);
        if (found is not { Role: > AccessRole.None } f || f.Item.Kind != ItemKinds.File) return Outcome<IReadOnlyList<VersionDto>>.NotFound();
        return Outcome<IReadOnlyList<VersionDto>>.Success(await VersionHistory.ListAsync(db, mediator, f.Item, ct));
    }

    private async Task<Outcome<ItemDto>?> EditableFileAsync(Guid userId, Guid teamId, Guid id, string viewersMessage, CancellationToken ct)
    {
        var found = await roles.ForItemAsync(userId, teamId, id, ct);
        if (found is not { Role: > AccessRole.None } f || f.Item.Kind != ItemKinds.File) return Outcome<ItemDto>.NotFound();
        return f.Role < AccessRole.Editor ? Outcome<ItemDto>.Forbidden(viewersMessage, "role_too_low") : null;
    }

    private async Task<Outcome<ItemDto>> SavedAsync(Guid userId, Guid teamId, Guid id, StoredBlob blob, string? contentType, CancellationToken ct)
    {
        if (!await versioning.ReplaceAsync(id, blob, contentType, userId, ct))
            return Outcome<ItemDto>.Fail(Refused.Conflict, "Changed meanwhile", "Someone saved this file at the same moment. Reload and try again.", "conflict");
        var (item, role) = (await roles.ForItemAsync(userId, teamId, id, ct))!.Value;
        return Outcome<ItemDto>.Success(item.ToDto(role));
    }
}

internal static class VersionEndpoints
{
    /// <summary>PUT /api/items/{id}/content: the size limit is checked before the body is read and again while it streams.</summary>
    public static async Task<Results<Ok<ItemDto>, Refusal>> Replace(Guid id, HttpRequest request, ClaimsPrincipal user, IMediator mediator,
        IOptions<TeamShareOptions> options, CancellationToken ct)
    {
        var limit = options.Value.MaxUploadBytes;
        if (request.ContentLength > limit) return UploadLimits.TooLarge(limit);
        UploadLimits.Lift(request, limit);
        return (await mediator.Send(new ReplaceContent(user.GetUserId(), user.GetTeamId(), id, request.Body, limit), ct)).ToHttp(TypedResults.Ok);
    }

    public static async Task<Results<Ok<IReadOnlyList<VersionDto>>, Refusal>> List(Guid id, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new ListVersions(user.GetUserId(), user.GetTeamId(), id), ct)).ToHttp(TypedResults.Ok);

    public static async Task<Results<Ok<ItemDto>, Refusal>> Restore(Guid id, int number, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new RestoreVersion(user.GetUserId(), user.GetTeamId(), id, number), ct)).ToHttp(TypedResults.Ok);
}
