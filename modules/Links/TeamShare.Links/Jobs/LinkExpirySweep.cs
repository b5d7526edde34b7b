using Microsoft.EntityFrameworkCore;
using TeamShare.Links.Data;
using TeamShare.SharedKernel.Jobs;

namespace TeamShare.Links.Jobs;

/// <summary>
/// JB-1 housekeeping: marks links whose expiry has passed. Access already ends at the expiry instant (LinkGate checks it on
/// every open); this sweep only records it, once per link, so running it twice changes nothing.
/// </summary>
internal sealed class LinkExpirySweep(LinksDbContext db, TimeProvider clock) : IRecurringJob
{
    public async Task RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await db.Shares.Where(s => s.ExpiresAt <= now && s.ExpiryProcessedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.ExpiryProcessedAt, now), ct);
    }
}
