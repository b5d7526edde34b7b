using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using TeamShare.SharedKernel.Security;

namespace TeamShare.Spaces.Items;

/// <summary>The caller's personal space first, then the team spaces they can reach.</summary>
internal sealed record ListSpaces(Guid UserId, Guid TeamId) : IRequest<IReadOnlyList<SpaceDto>>;

internal sealed class ListSpacesHandler(VisibleSpaces spaces) : IRequestHandler<ListSpaces, IReadOnlyList<SpaceDto>>
{
    public async ValueTask<IReadOnlyList<SpaceDto>> Handle(ListSpaces r, CancellationToken ct) => await spaces.ForAsync(r.UserId, r.TeamId, ct);
}

internal static class ListSpacesEndpoint
{
    public static async Task<Ok<IReadOnlyList<SpaceDto>>> Handle(ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new ListSpaces(user.GetUserId(), user.GetTeamId()), ct));
}
