using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TeamShare.SharedKernel.Modules;
using TeamShare.SharedKernel.Observability;
using TeamShare.Spaces.Data;

namespace TeamShare.Spaces.Blobs;

/// <summary>
/// Issue 23: what the store holds (each content once: the distinct contents versions name, from the database, so an S3
/// bucket is not listed every 15 seconds) and the free space where this instance writes uploads.
/// </summary>
internal sealed class BlobGauges(IOptions<TeamShareOptions> options) : IGaugeSource
{
    public async Task<IReadOnlyList<GaugeReading>> ReadAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SpacesDbContext>();
        var stored = await db.Versions.AsNoTracking().Select(v => new { v.ContentSha256, v.Size }).Distinct().SumAsync(v => v.Size, ct);
        return
        [
            new GaugeReading(Gauges.BlobsStoredBytes, stored),
            new GaugeReading(Gauges.UploadFreeBytes, new DriveInfo(options.Value.FullBlobDirectory).AvailableFreeSpace),
        ];
    }
}
