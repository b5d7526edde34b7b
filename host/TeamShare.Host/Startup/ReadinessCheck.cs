using Hangfire;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using TeamShare.SharedKernel.Data;
using TeamShare.SharedKernel.Modules;

namespace TeamShare.Host.Startup;

/// <summary>
/// /health/ready: healthy once the database is migrated and reachable, the blob directory takes a write and has
/// TeamShare:Blobs:MinFreeMegabytes free, and, where this host schedules jobs, a job server runs. A load balancer sends no traffic to an instance that lost either shared store.
/// </summary>
internal sealed class ReadinessCheck(StartupState state, JobStorage storage, IOptions<TeamShareOptions> options,
    IEnumerable<IModuleDatabase> databases, IServiceProvider services) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!state.DatabaseReady) return HealthCheckResult.Unhealthy("Database not migrated yet.");
        try
        {
            // One module's context is enough: every module shares one database.
            if (!await databases.First().CanConnectAsync(services, cancellationToken)) return HealthCheckResult.Unhealthy("Database unreachable.");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("Database unreachable.");
        }
        if (!BlobDirectoryWritable(options.Value.FullBlobDirectory)) return HealthCheckResult.Unhealthy("Blob directory not writable.");
        // A full disk turns every upload into an error: leave the instance out before that (issue 23).
        var least = options.Value.Blobs.MinFreeMegabytes * 1024L * 1024;
        if (new DriveInfo(options.Value.FullBlobDirectory).AvailableFreeSpace < least)
            return HealthCheckResult.Unhealthy($"Less than {options.Value.Blobs.MinFreeMegabytes} MB free for blobs.");
        if (!options.Value.ScheduleJobs) return HealthCheckResult.Healthy("Jobs are not scheduled by this host.");
        var servers = storage.GetMonitoringApi().Servers().Count;
        return servers > 0 ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("No background job server is running.");
    }

    private static bool BlobDirectoryWritable(string directory)
    {
        try
        {
            using var probe = new FileStream(Path.Combine(directory, $".ready-{Guid.NewGuid():N}"), FileMode.CreateNew, FileAccess.Write,
                FileShare.None, 1, FileOptions.DeleteOnClose);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return false; }
    }
}
