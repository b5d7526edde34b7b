using Hangfire;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace TeamShare.Host.Startup;

/// <summary>/health/ready: healthy once the database is migrated and a job server is running.</summary>
internal sealed class ReadinessCheck(StartupState state, JobStorage storage) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!state.DatabaseReady) return Task.FromResult(HealthCheckResult.Unhealthy("Database not migrated yet."));
        var servers = storage.GetMonitoringApi().Servers().Count;
        return Task.FromResult(servers > 0
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("No background job server is running."));
    }
}
