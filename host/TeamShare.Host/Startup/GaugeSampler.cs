using Hangfire;
using TeamShare.SharedKernel.Data;
using TeamShare.SharedKernel.Hosting;
using TeamShare.SharedKernel.Observability;

namespace TeamShare.Host.Startup;

/// <summary>
/// Issue 23: every 15 seconds, from a moment after the start (the database is ready by then), reads what the modules
/// report (mail waiting, blob store size), each module's unpublished notifications, and the job queue, for /metrics. A
/// failed read keeps the last values.
/// </summary>
internal sealed class GaugeSampler(IServiceProvider services, IHostApplicationLifetime lifetime, IEnumerable<IGaugeSource> sources,
    IEnumerable<IModuleDatabase> databases, JobStorage jobs, ILogger<GaugeSampler> log) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The first sample makes every module's context and reads each table: not while the first requests are answered.
        await AfterStart.WaitAsync(lifetime, stoppingToken);
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try { Gauges.Publish(await SampleAsync(stoppingToken)); }
            catch (Exception e) when (e is not OperationCanceledException) { log.LogWarning(e, "Reading the gauges for /metrics failed"); }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task<IReadOnlyList<GaugeReading>> SampleAsync(CancellationToken ct)
    {
        List<GaugeReading> readings = [];
        foreach (var database in databases)
        {
            if (await database.PendingNotificationsAsync(services, ct) is not var (count, oldest)) continue;
            var module = new KeyValuePair<string, object?>("module", database.Module);
            readings.Add(new GaugeReading(Gauges.NotificationsPending, count, module));
            readings.Add(new GaugeReading(Gauges.NotificationsOldestAge, oldest is { } at ? (DateTime.UtcNow - at).TotalSeconds : 0, module));
        }
        foreach (var source in sources) readings.AddRange(await source.ReadAsync(services, ct));
        var monitor = jobs.GetMonitoringApi();
        readings.Add(new GaugeReading(Gauges.JobsEnqueued, monitor.Queues().Sum(q => q.Length)));
        readings.Add(new GaugeReading(Gauges.JobsFailed, monitor.FailedCount()));
        return readings;
    }
}
