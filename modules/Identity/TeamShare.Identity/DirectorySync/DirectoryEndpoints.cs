using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using TeamShare.SharedKernel.Http;
using TeamShare.SharedKernel.Security;

namespace TeamShare.Identity.DirectorySync;

/// <summary>Issue 29: the owner's directory settings, its preview (a dry run) and a sync now.</summary>
internal static class DirectoryEndpoints
{
    public static async Task<Ok<DirectorySettingsDto>> Get(ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new GetDirectory(user.GetTeamId()), ct));

    public static async Task<Results<Ok<DirectorySettingsDto>, Refusal>> Put(DirectoryRequest body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new SaveDirectory(user.GetTeamId(), body), ct)).ToHttp(TypedResults.Ok);

    public static async Task<Results<Ok<DirectorySyncDto>, Refusal>> Preview(ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new SyncDirectory(user.GetTeamId(), Apply: false), ct)).ToHttp(TypedResults.Ok);

    public static async Task<Results<Ok<DirectorySyncDto>, Refusal>> Sync(ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new SyncDirectory(user.GetTeamId(), Apply: true), ct)).ToHttp(TypedResults.Ok);
}
