using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using TeamShare.Identity.Data;
using TeamShare.SharedKernel.Security;

namespace TeamShare.Identity.Auth;

/// <summary>
/// Browser sign-ins as rows: the cookie carries the session's id and is accepted only while that session has not ended, so
/// signing out ends the session on the server too (a copied cookie stops working at once).
/// </summary>
internal sealed class BrowserSessions(IdentityDbContext db, TimeProvider clock)
{
    public const string Claim = "ts:sid";

    public async Task<ClaimsPrincipal> StartAsync(User user, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var session = new Session { Id = Guid.CreateVersion7(), UserId = user.Id, CreatedAt = now };
        db.Sessions.Add(session);
        // Housekeeping on the write path: this user's sessions that ended more than a day ago.
        var dayAgo = now.AddDays(-1);
        await db.Sessions.Where(s => s.UserId == user.Id && s.EndedAt < dayAgo).ExecuteDeleteAsync(ct);
        await db.SaveChangesAsync(ct);
        return Principals.For(user, TeamShareClaims.CookieScheme, session.Id);
    }

    public async Task EndAsync(ClaimsPrincipal principal, CancellationToken ct)
    {
        if (!Guid.TryParse(principal.FindFirst(Claim)?.Value, out var id)) return;
        var now = clock.GetUtcNow().UtcDateTime;
        await db.Sessions.Where(s => s.Id == id && s.EndedAt == null).ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, now), ct);
    }
}
