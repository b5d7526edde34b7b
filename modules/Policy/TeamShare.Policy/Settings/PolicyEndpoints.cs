using Microsoft.AspNetCore.Http.HttpResults;
using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http;
using TeamShare.SharedKernel.Http;
using TeamShare.SharedKernel.Security;

namespace TeamShare.Policy.Settings;

internal static class PolicyEndpoints
{
    public static async Task<Ok<PolicyResponse>> Get(ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new GetPolicy(user.GetTeamId()), ct));

    public static async Task<Results<Ok<PolicyResponse>, Refusal>> Put(UpdatePolicyRequest body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new UpdatePolicy(user.GetTeamId(), user.GetUserId(), body), ct)).ToHttp(TypedResults.Ok);
}
