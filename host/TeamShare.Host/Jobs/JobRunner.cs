using Hangfire;
using TeamShare.SharedKernel.Hosting;
using TeamShare.SharedKernel.Jobs;

namespace TeamShare.Host.Jobs;

/// <summary>
/// What Hangfire actually calls: finds a module's job by id and runs it in its own scope. No Hangfire lock around it: every job
/// is an idempotent sweep that claims its rows itself (ADR 0002), so runs may overlap, on one instance or several. A storage
/// lock would be worse than none: an instance killed while holding it stops every job on every instance until it expires.
/// </summary>
public sealed class JobRunner(IServiceScopeFactory scopes, IEnumerable<RecurringJobRegistration> registrations)
{
    public async Task RunAsync(string id, CancellationToken cancellationToken)
    {
        var registration = registrations.Single(r => r.Id == id);
        await using var scope = scopes.CreateAsyncScope();
        // Maintenance pauses every sweep; each is idempotent and catches up at its next run once maintenance is off.
        if (scope.ServiceProvider.GetRequiredService<Startup.MaintenanceSwitch>().IsOn) return;
        var job = (IRecurringJob)scope.ServiceProvider.GetRequiredService(registration.JobType);
        await job.RunAsync(cancellationToken);
    }
}

internal static class RecurringJobSchedule
{
    /// <summary>
    /// Schedules a moment after the server has started (AfterStart), off the path to ready (issue 24, B10): Hangfire's
    /// servers read the schedule at their next poll, so a job written a moment later runs when it would have.
    /// </summary>
    public static void ScheduleModuleJobsOnceStarted(this WebApplication app) => _ = Task.Run(async () =>
    {
        try
        {
            await AfterStart.WaitAsync(app.Lifetime, app.Lifetime.ApplicationStopping);
            app.Services.ScheduleModuleJobs();
        }
        catch (OperationCanceledException) { /* stopped before it was time */ }
        catch (Exception e) { app.Logger.LogError(e, "Writing the recurring jobs' schedule failed; the one an earlier start wrote stays in force"); }
    });

    /// <summary>The seam's other half: every module registration becomes one Hangfire recurring job.</summary>
    public static void ScheduleModuleJobs(this IServiceProvider services)
    {
        var manager = services.GetRequiredService<IRecurringJobManager>();
        foreach (var registration in services.GetServices<RecurringJobRegistration>())
        {
            var id = registration.Id;
            manager.AddOrUpdate<JobRunner>(id, runner => runner.RunAsync(id, CancellationToken.None), registration.Cron);
        }
    }
}
