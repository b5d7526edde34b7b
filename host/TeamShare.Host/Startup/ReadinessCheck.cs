using Hangfire;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using TeamShare.SharedKernel.Modules;

namespace TeamShare.Host.Startup;

/// <summary>/health/ready: healthy once the database is migrated and, where this host schedules jobs, a job server runs.</summary>
internal sealed class ReadinessCheck(StartupState state, JobStorage storage, IOptions<TeamShareOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!state.DatabaseReady) return Task.FromResult(HealthCheckResult.Unhealthy("Database not migrated yet."));
        if (!options.Value.ScheduleJobs) return Task.FromResult(HealthCheckResult.Healthy("Jobs are not scheduled by this host."));
        var servers = storage.GetMonitoringApi().Servers().Count;
        return Task.FromResult(servers > 0
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("No background job server is running."));
    }
}
