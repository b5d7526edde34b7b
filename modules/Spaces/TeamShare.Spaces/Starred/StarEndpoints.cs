using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using TeamShare.SharedKernel.Http;
using TeamShare.SharedKernel.Security;
using TeamShare.Spaces.Search;

namespace TeamShare.Spaces.Starred;

internal static class StarEndpoints
{
    public static async Task<Ok<IReadOnlyList<PlacedItemDto>>> List(ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new ListStarred(user.GetUserId(), user.GetTeamId()), ct));

    public static async Task<Results<NoContent, ProblemHttpResult>> Star(Guid id, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        await mediator.Send(new SetStar(user.GetUserId(), user.GetTeamId(), id, true), ct) ? TypedResults.NoContent() : Problems.NotFound();

    public static async Task<Results<NoContent, ProblemHttpResult>> Unstar(Guid id, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        await mediator.Send(new SetStar(user.GetUserId(), user.GetTeamId(), id, false), ct) ? TypedResults.NoContent() : Problems.NotFound();
}
