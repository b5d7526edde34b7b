using Microsoft.EntityFrameworkCore;
using TeamShare.SharedKernel.Jobs;
using TeamShare.Spaces.Blobs;
using TeamShare.Spaces.Data;

namespace TeamShare.Spaces.Trash;

/// <summary>JB-3: deletes what has been in the trash for 30 days, and blobs nothing points at any more. Idempotent.</summary>
internal sealed class TrashPurgeJob(SpacesDbContext db, IBlobStore blobs, TimeProvider clock) : IRecurringJob
{
    public static readonly TimeSpan KeepFor = TimeSpan.FromDays(30);

    public async Task RunAsync(CancellationToken ct)
    {
        var cutoff = clock.GetUtcNow().UtcDateTime - KeepFor;
        var expired = await db.Items.Where(i => i.TrashedRootId != null && i.TrashedAt < cutoff)
            .Select(i => new { i.Id, i.ContentSha256 }).ToListAsync(ct);
        if (expired.Count == 0) return;
        var ids = expired.Select(e => e.Id).ToList();
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            await db.Grants.Where(g => ids.Contains(g.ItemId)).ExecuteDeleteAsync(ct);
            await db.Items.Where(i => ids.Contains(i.Id)).ExecuteDeleteAsync(ct);
            await tx.CommitAsync(ct);
        }
        var hashes = expired.Where(e => e.ContentSha256 != null).Select(e => e.ContentSha256!).Distinct().ToList();
        var stillUsed = await db.Items.Where(i => hashes.Contains(i.ContentSha256!)).Select(i => i.ContentSha256!).Distinct().ToListAsync(ct);
        foreach (var hash in hashes.Except(stillUsed)) blobs.Delete(hash);
    }
}
