using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace TeamShare.Spaces.Blobs;

/// <summary>Issue 27 L9: what uploads cut off by a crash left in <c>blobs/tmp</c> goes when the instance starts again.</summary>
internal sealed class AbandonedUploadSweep(IBlobStore blobs, ILogger<AbandonedUploadSweep> log) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var swept = blobs.SweepTemporary();
        if (swept > 0) log.LogInformation("Removed {Count} partial uploads left by an earlier stop", swept);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
