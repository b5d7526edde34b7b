using Microsoft.EntityFrameworkCore;
using TeamShare.Links.Data;

namespace TeamShare.Links.Opening;

/// <summary>
/// LK-11: 5 wrong passwords for one link from one address within 15 minutes close that link to that address; 100 from all
/// addresses within an hour close it to everyone but signed-in team members. Counted in the database (restarts, instances).
/// </summary>
internal sealed class PasswordThrottle(LinksDbContext db, TimeProvider clock)
{
    public const int PerAddress = 5;
    public static readonly TimeSpan PerAddressWindow = TimeSpan.FromMinutes(15);
    public const int PerLink = 100;
    public static readonly TimeSpan PerLinkWindow = TimeSpan.FromHours(1);

    public async Task<bool> IsThrottledAsync(Guid shareId, string address, bool member, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var addressSince = now - PerAddressWindow;
        if (await db.PasswordFailures.CountAsync(f => f.ShareId == shareId && f.ClientAddress == address && f.At > addressSince, ct) >= PerAddress)
            return true;
        var linkSince = now - PerLinkWindow;
        return !member && await db.PasswordFailures.CountAsync(f => f.ShareId == shareId && f.At > linkSince, ct) >= PerLink;
    }

    /// <summary>
    /// Counts this guess as a failure before the password is hashed, then checks: parallel guesses (on any instance) each see
    /// the ones committed before them, so no more than the limit ever reach the hash. Null: throttled (nothing is kept).
    /// Otherwise the failure's id, to withdraw with <see cref="SucceededAsync"/> when the password was right.
    /// A refused guess is withdrawn unless it is among the address's first <see cref="PerAddress"/> in the window: when a
    /// flood is refused whole (every guess saw the others), the earliest still stand, so the address stays closed afterwards.
    /// </summary>
    public async Task<long?> ReserveAsync(Guid shareId, string address, bool member, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var attempt = new PasswordFailure { ShareId = shareId, ClientAddress = address, At = now };
        db.PasswordFailures.Add(attempt);
        await db.SaveChangesAsync(ct);
        var addressSince = now - PerAddressWindow;
        var linkSince = now - PerLinkWindow;
        var over = await db.PasswordFailures.CountAsync(f => f.ShareId == shareId && f.ClientAddress == address && f.At > addressSince, ct) > PerAddress
                   || (!member && await db.PasswordFailures.CountAsync(f => f.ShareId == shareId && f.At > linkSince, ct) > PerLink);
        if (!over)
        {
            await db.PasswordFailures.Where(f => f.At < linkSince).ExecuteDeleteAsync(ct);
            return attempt.Id;
        }
        var earlier = await db.PasswordFailures.CountAsync(f => f.ShareId == shareId && f.ClientAddress == address && f.At > addressSince && f.Id < attempt.Id, ct);
        if (earlier >= PerAddress) await SucceededAsync(attempt.Id, ct);
        return null;
    }

    public async Task SucceededAsync(long attemptId, CancellationToken ct) =>
        await db.PasswordFailures.Where(f => f.Id == attemptId).ExecuteDeleteAsync(ct);
}
