using Mediator;
using Microsoft.EntityFrameworkCore;
using TeamShare.Identity.Data;

namespace TeamShare.Identity.SingleSignOn;

/// <param name="Url">Where the sign-in with the team's provider starts.</param>
/// <param name="Provider">The provider's host, for "Sign in with …".</param>
internal sealed record SingleSignOnFound(Guid TeamId, string Url, string Provider);

/// <summary>
/// Issue 29 (home realm discovery): the team whose proven e-mail domain the typed address has, when it signs in with its own
/// provider. Decided by the domain alone, never by whether the address has an account, so it tells no one who has one.
/// </summary>
internal sealed record FindSingleSignOn(string? Email) : IRequest<SingleSignOnFound?>;

internal sealed class FindSingleSignOnHandler(IdentityDbContext db) : IRequestHandler<FindSingleSignOn, SingleSignOnFound?>
{
    public async ValueTask<SingleSignOnFound?> Handle(FindSingleSignOn request, CancellationToken ct)
    {
        if (EmailDomains.Of(request.Email ?? "") is not { } domain) return null;
        var found = await (from d in db.EmailDomains
                           join s in db.SingleSignOn on d.TeamId equals s.TeamId
                           where d.Domain == domain && d.VerifiedAt != null
                           select new { s.TeamId, s.Issuer }).AsNoTracking().FirstOrDefaultAsync(ct);
        return found is null ? null
            : new SingleSignOnFound(found.TeamId, SingleSignOnPaths.Start(found.TeamId) + "?email=" + Uri.EscapeDataString(request.Email!.Trim()),
                Uri.TryCreate(found.Issuer, UriKind.Absolute, out var issuer) ? issuer.Host : found.Issuer);
    }
}

internal static class SingleSignOnRequirement
{
    /// <summary>
    /// The team signs its members in only through its provider: their passwords and passkeys open nothing. The owner keeps
    /// theirs, the way in when the provider is down or misconfigured (break-glass).
    /// </summary>
    public static async Task<bool> AppliesToAsync(IdentityDbContext db, User user, CancellationToken ct) =>
        user.Role != TeamRoles.Owner && await db.SingleSignOn.AnyAsync(s => s.TeamId == user.TeamId && s.Required, ct);
}
