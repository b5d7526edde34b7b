using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using TeamShare.Links.Data;
using TeamShare.SharedKernel.Http;
using TeamShare.SharedKernel.Security;

namespace TeamShare.Links.ViewShare;

internal static class GetShareEndpoint
{
    /// <summary>GET /api/shares/{id}: one of the caller's own shares.</summary>
    public static async Task<IResult> Handle(Guid id, ClaimsPrincipal user, LinksDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var userId = user.GetUserId();
        var share = await db.Shares.AsNoTracking().Include(s => s.Items)
            .FirstOrDefaultAsync(s => s.Id == id && s.OwnerUserId == userId, ct);
        return share is null ? Problems.NotFound() : TypedResults.Ok(ShareMapping.ToResponse(share, null, clock.GetUtcNow().UtcDateTime));
    }
}
