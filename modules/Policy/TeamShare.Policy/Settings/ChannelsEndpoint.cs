using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using TeamShare.SharedKernel.Security;

namespace TeamShare.Policy.Settings;

internal static class ChannelsEndpoint
{
    public static async Task<Ok<IReadOnlyList<AvailableChannel>>> Handle(ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new ListChannels(user.GetTeamId()), ct));
}
