using Microsoft.AspNetCore.Http.HttpResults;
using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using TeamShare.Invitations.Contracts;
using TeamShare.Links.Contracts;
using TeamShare.Links.Create;
using TeamShare.Links.Data;
using TeamShare.Policy.Contracts;
using Microsoft.Extensions.Logging;
using TeamShare.SharedKernel.Data;
using TeamShare.SharedKernel.Http;
using TeamShare.SharedKernel.Security;

namespace TeamShare.Links.MyShares;

/// <summary>PATCH /api/shares/{id}: fields left out stay as they are; "permanent" clears the expiry, "removePassword" the password.</summary>
internal sealed record ModifyShareRequest(
    string? Name = null, bool? AllowPreview = null, int? PreviewLimit = null, bool? RemovePreviewLimit = null, bool? AllowEdit = null,
    bool? AllowDownload = null, bool? TeamOnly = null, bool? AllowUpload = null, string? Password = null, bool? RemovePassword = null,
    DateTime? ExpiresAt = null, bool? Permanent = null, string? Remarks = null, string? Audience = null, bool? Notify = null,
    long? UploadLimitBytes = null);

internal static class MySharesEndpoints
{
    public static async Task<Ok<SharePage>> List(string? name, DateTime? createdFrom, DateTime? createdTo, string? status, Guid? cursor, int? pageSize,
        Guid? itemId, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new ListMyShares(user.GetUserId(), user.GetTeamId(),
            new ShareQuery(name, createdFrom, createdTo, status, cursor, pageSize ?? 25, itemId)), ct));

    /// <summary>Issue 28: the caller's shares with people; each is revoked or changed through its item's access routes.</summary>
    public static async Task<Ok<PeopleSharePage>> People(string? name, DateTime? createdFrom, DateTime? createdTo, string? status, Guid? cursor,
        int? pageSize, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new ListPeopleShares(user.GetUserId(), user.GetTeamId(), name, createdFrom, createdTo, status, cursor,
            pageSize ?? 25), ct));

    public static async Task<Results<Ok<LinkResponse>, ProblemHttpResult>> Get(Guid id, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        await mediator.Send(new GetMyShare(user.GetUserId(), user.GetTeamId(), id), ct) is { } view
            ? TypedResults.Ok(view.Share)
            : Problems.NotFound();

    public static async Task<Results<Ok<LinkResponse>, Refusal>> Modify(Guid id, ModifyShareRequest body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new ModifyLink(user.GetUserId(), id, body), ct)).ToHttp(TypedResults.Ok);

    public static async Task<Results<NoContent, ProblemHttpResult>> Cancel(Guid id, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        await mediator.Send(new CancelLink(user.GetUserId(), user.GetTeamId(), id), ct) ? TypedResults.NoContent() : Problems.NotFound();
}
