using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TeamShare.SharedKernel.Jobs;
using TeamShare.SharedKernel.Modules;
using TeamShare.Spaces.Data;

namespace TeamShare.Spaces.Blobs;

/// <summary>
/// Deletes blobs no version names any more (purged files, uploads whose record a crash cut off) once they have been left alone
/// for the grace period. Idempotent and safe on several instances at once: see <see cref="IBlobStore.CollectAsync"/>.
/// </summary>
internal sealed class BlobCollectJob(SpacesDbContext db, IBlobStore blobs, IOptions<TeamShareOptions> options) : IRecurringJob
{
    public Task RunAsync(CancellationToken ct) => blobs.CollectAsync(options.Value.Blobs.GracePeriod, StillNamedAsync, ct);

    private async Task<IReadOnlySet<string>> StillNamedAsync(IReadOnlyCollection<string> hashes, CancellationToken ct)
    {
        var versions = await db.Versions.Where(v => hashes.Contains(v.ContentSha256)).Select(v => v.ContentSha256).Distinct().ToListAsync(ct);
        var items = await db.Items.Where(i => i.ContentSha256 != null && hashes.Contains(i.ContentSha256))
            .Select(i => i.ContentSha256!).Distinct().ToListAsync(ct);
        return versions.Concat(items).ToHashSet();
    }
}
