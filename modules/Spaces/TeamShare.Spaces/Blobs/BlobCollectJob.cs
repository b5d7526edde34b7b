using Microsoft.Extensions.Options;
using TeamShare.SharedKernel.Jobs;
using TeamShare.SharedKernel.Modules;
using TeamShare.Spaces.Data;
using TeamShare.Spaces.Rendering;

namespace TeamShare.Spaces.Blobs;

/// <summary>
/// Deletes blobs no version names any more (purged files, uploads whose record a crash cut off) once they have been left alone
/// for the grace period. Idempotent and safe on several instances at once: see <see cref="IBlobStore.CollectAsync"/>.
/// </summary>
/// <remarks>
/// Then keeps the page renders within their size limit, those of contents no longer stored first (issue 25).
/// </remarks>
internal sealed class BlobCollectJob(SpacesDbContext db, IBlobStore blobs, RenderCache renders, IOptions<TeamShareOptions> options,
    IOptions<PreviewOptions> previews) : IRecurringJob
{
    public async Task RunAsync(CancellationToken ct)
    {
        await blobs.CollectAsync(options.Value.Blobs.GracePeriod, (hashes, c) => BlobNames.NamedAsync(db, hashes, c), ct);
        var stored = new HashSet<string>(StringComparer.Ordinal);
        // Listed only when there are renders to weigh against it: listing a whole object store at every sweep costs.
        if (renders.Any()) await foreach (var hash in blobs.ListAsync(ct)) stored.Add(hash);
        renders.Trim(previews.Value.CacheMegabytes * 1024L * 1024, stored.Contains);
    }
}
