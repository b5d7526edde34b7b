using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using TeamShare.SharedKernel.Security;

namespace TeamShare.Spaces.Items;

internal static class ListSpacesEndpoint
{
    /// <summary>GET /api/spaces: the caller's personal space first, then the team spaces they can reach.</summary>
    public static async Task<IResult> Handle(ClaimsPrincipal user, VisibleSpaces spaces, CancellationToken ct) =>
        TypedResults.Ok(await spaces.ForAsync(user.GetUserId(), user.GetTeamId(), ct));
}
