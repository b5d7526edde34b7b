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

    public async Task RecordFailureAsync(Guid shareId, string address, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        db.PasswordFailures.Add(new PasswordFailure { ShareId = shareId, ClientAddress = address, At = now });
        await db.SaveChangesAsync(ct);
        var old = now - PerLinkWindow;
        await db.PasswordFailures.Where(f => f.At < old).ExecuteDeleteAsync(ct);
    }
}
