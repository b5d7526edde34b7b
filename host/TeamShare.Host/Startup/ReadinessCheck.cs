using Hangfire;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using TeamShare.SharedKernel.Data;
using TeamShare.SharedKernel.Modules;

namespace TeamShare.Host.Startup;

/// <summary>
/// /health/ready: healthy once the database is migrated and reachable, the content store answers (a blob directory that
/// takes a write, or the S3 bucket) with TeamShare:Blobs:MinFreeMegabytes free where uploads are written, and, where this host schedules jobs, a job server runs. A load balancer sends no traffic to an instance that lost either shared store.
/// </summary>
internal sealed class ReadinessCheck(StartupState state, JobStorage storage, IOptions<TeamShareOptions> options,
    IEnumerable<IModuleDatabase> databases, IContentStore contents, IServiceProvider services) : IHealthCheck
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
        if (await contents.UnreadyReasonAsync(cancellationToken) is { } unready) return HealthCheckResult.Unhealthy(unready);
        if (!options.Value.ScheduleJobs) return HealthCheckResult.Healthy("Jobs are not scheduled by this host.");
        var servers = storage.GetMonitoringApi().Servers().Count;
        return servers > 0 ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("No background job server is running.");
    }
}
