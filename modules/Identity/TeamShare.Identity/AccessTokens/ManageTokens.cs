using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using TeamShare.Identity.Data;
using TeamShare.SharedKernel.Http;
using TeamShare.SharedKernel.Security;

namespace TeamShare.Identity.AccessTokens;

internal static class ManageTokensEndpoints
{
    public static async Task<IReadOnlyList<TokenDto>> ListAsync(IdentityDbContext db, Guid userId, CancellationToken ct) =>
        await db.AccessTokens.AsNoTracking().Where(t => t.UserId == userId).OrderByDescending(t => t.CreatedAt)
            .Select(t => new TokenDto(t.Id, t.Name, t.CreatedAt, t.RevokedAt)).ToListAsync(ct);

    /// <summary>Revoking takes effect on the token's next use: every Bearer request looks the token up.</summary>
    public static async Task<bool> RevokeAsync(IdentityDbContext db, Guid userId, Guid id, DateTime now, CancellationToken ct) =>
        await db.AccessTokens.Where(t => t.Id == id && t.UserId == userId && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), ct) == 1;

    public static async Task<IResult> List(ClaimsPrincipal user, IdentityDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await ListAsync(db, user.GetUserId(), ct));

    public static async Task<IResult> Revoke(Guid id, ClaimsPrincipal user, IdentityDbContext db, TimeProvider clock, CancellationToken ct) =>
        await RevokeAsync(db, user.GetUserId(), id, clock.GetUtcNow().UtcDateTime, ct) ? TypedResults.NoContent() : Problems.NotFound();
}
