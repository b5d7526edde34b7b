using System.Security.Claims;
using Mediator;
using Microsoft.EntityFrameworkCore;
using TeamShare.Identity.Data;
using TeamShare.SharedKernel.Security;

namespace TeamShare.Identity.Auth;

// Browser sign-ins as rows: the cookie carries the session's id and is accepted only while that session has not ended, so
// signing out ends the session on the server too (a copied cookie stops working at once).

internal static class BrowserSessions
{
    public const string Claim = "ts:sid";
}

/// <summary>A new session for a user who proved who they are; the answer is the cookie's principal.</summary>
internal sealed record StartBrowserSession(User User) : IRequest<ClaimsPrincipal>;

/// <summary>Ends the session a cookie belongs to (nothing for a principal without one).</summary>
internal sealed record EndBrowserSession(ClaimsPrincipal Principal) : IRequest<Unit>;

internal sealed class StartBrowserSessionHandler(IdentityDbContext db, TimeProvider clock) : IRequestHandler<StartBrowserSession, ClaimsPrincipal>
{
    public async ValueTask<ClaimsPrincipal> Handle(StartBrowserSession request, CancellationToken ct)
    {
        var user = request.User;
        var now = clock.GetUtcNow().UtcDateTime;
        var session = new Session { Id = Guid.CreateVersion7(), UserId = user.Id, CreatedAt = now };
        db.Sessions.Add(session);
        // Housekeeping on the write path: this user's sessions that ended more than a day ago.
        var dayAgo = now.AddDays(-1);
        await db.Sessions.Where(s => s.UserId == user.Id && s.EndedAt < dayAgo).ExecuteDeleteAsync(ct);
        await db.SaveChangesAsync(ct);
        var requires = await db.Teams.Where(t => t.Id == user.TeamId).Select(t => t.RequireTwoFactor).FirstOrDefaultAsync(ct);
        return Principals.For(user, TeamShareClaims.CookieScheme, session.Id, teamRequiresTwoFactor: requires);
    }
}

internal sealed class EndBrowserSessionHandler(IdentityDbContext db, TimeProvider clock) : IRequestHandler<EndBrowserSession, Unit>
{
    public async ValueTask<Unit> Handle(EndBrowserSession request, CancellationToken ct)
    {
        if (!Guid.TryParse(request.Principal.FindFirst(BrowserSessions.Claim)?.Value, out var id)) return Unit.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        await db.Sessions.Where(s => s.Id == id && s.EndedAt == null).ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, now), ct);
        return Unit.Value;
    }
}
