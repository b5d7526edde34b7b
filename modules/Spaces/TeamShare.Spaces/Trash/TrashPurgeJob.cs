using TeamShare.SharedKernel.Jobs;
using TeamShare.Spaces.Blobs;
using TeamShare.Spaces.Data;

namespace TeamShare.Spaces.Trash;

/// <summary>
/// JB-3: deletes what has been in the trash for 30 days, and the partial files of uploads a crash cut off.
/// Idempotent: a second run finds nothing left.
/// </summary>
internal sealed class TrashPurgeJob(SpacesDbContext db, TrashPurger purger, IBlobStore blobs, TimeProvider clock) : IRecurringJob
{
    public static readonly TimeSpan KeepFor = TimeSpan.FromDays(30);

    public async Task RunAsync(CancellationToken ct)
    {
        var cutoff = clock.GetUtcNow().UtcDateTime - KeepFor;
        await purger.PurgeAsync(db.Items.Where(i => i.TrashedAt < cutoff), ct);
        blobs.SweepTemporary();
    }
}
