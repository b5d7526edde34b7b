using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using TeamShare.SharedKernel.Http;
using TeamShare.SharedKernel.Security;
using TeamShare.Spaces.Access;
using TeamShare.Spaces.Contracts;

namespace TeamShare.Spaces.Items;

internal static class GetItemEndpoint
{
    public static async Task<IResult> Handle(Guid id, ClaimsPrincipal user, EffectiveRoles roles, CancellationToken ct)
    {
        var found = await roles.ForItemAsync(user.GetUserId(), user.GetTeamId(), id, ct);
        return found is { Role: > AccessRole.None } f ? TypedResults.Ok(f.Item.ToDto(f.Role)) : Problems.NotFound();
    }
}
