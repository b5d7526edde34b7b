using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TeamShare.Links.Data;
using TeamShare.SharedKernel.Jobs;
using TeamShare.SharedKernel.Modules;

namespace TeamShare.Links.Tracking;

/// <summary>Daily: timeline rows older than the retention (default 90 days) go; idempotent, so a second run deletes nothing.</summary>
internal sealed class LinkEventRetentionSweep(LinksDbContext db, IOptions<TeamShareOptions> options, TimeProvider clock) : IRecurringJob
{
    public async Task RunAsync(CancellationToken ct)
    {
        var before = clock.GetUtcNow().UtcDateTime - TimeSpan.FromDays(Math.Max(1, options.Value.LinkEventRetentionDays));
        await db.Events.Where(e => e.At < before).ExecuteDeleteAsync(ct);
    }
}
