using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using TeamShare.Identity.Data;
using TeamShare.SharedKernel.Security;

namespace TeamShare.Identity.Me;

internal sealed record MeResponse(Guid Id, string Email, string DisplayName, Guid TeamId, string TeamName, string Role);

internal static class GetMeEndpoint
{
    public static async Task<IResult> Handle(ClaimsPrincipal user, IdentityDbContext db, CancellationToken ct)
    {
        var id = user.GetUserId();
        var me = await (from u in db.Users
                        join t in db.Teams on u.TeamId equals t.Id
                        where u.Id == id
                        select new MeResponse(u.Id, u.Email, u.DisplayName, u.TeamId, t.Name, u.Role))
            .AsNoTracking().FirstAsync(ct);
        return TypedResults.Ok(me);
    }
}
