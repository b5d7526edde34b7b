using Microsoft.AspNetCore.Http.HttpResults;
using Mediator;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using TeamShare.SharedKernel.Http;
using TeamShare.SharedKernel.Security;

namespace TeamShare.Policy.Approved;

internal static class ApprovedEndpoints
{
    public static async Task<Ok<IReadOnlyList<ApprovedDto>>> List(ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new ListApproved(user.GetTeamId()), ct));

    public static async Task<Results<Created<ApprovedDto>, Refusal>> Add(AddApprovedRequest body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new AddApproved(user.GetTeamId(), user.GetUserId(), body.Value), ct))
        .ToHttp(e => TypedResults.Created($"/api/admin/policy/approved/{e.Id}", e));

    public static async Task<Results<NoContent, ProblemHttpResult>> Remove(Guid id, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        await mediator.Send(new RemoveApproved(user.GetTeamId(), user.GetUserId(), id), ct) ? TypedResults.NoContent() : Problems.NotFound();
}
