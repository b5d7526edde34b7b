using Hangfire;
using Microsoft.Extensions.Options;
using TeamShare.SharedKernel.Jobs;
using TeamShare.SharedKernel.Modules;

namespace TeamShare.Host.Jobs;

/// <summary>
/// Runs a scheduled sweep now, as a job of its own; with scheduling off (tests that run sweeps by hand) it does nothing.
/// Not Hangfire's trigger of the recurring job: that also takes a storage lock and rewrites the recurring job's record
/// (its last run) each time, a third of an invitation's time in a burst of them (issue 24, B8), and finds nothing to run
/// before the start has written the schedule. The console's "last run" is the schedule's (every minute for mail). The
/// Hangfire client is only built when it is used: Hangfire keeps its logger in a process-wide static, so building it in a
/// host that does not schedule (one of several test hosts in a process) could reach another, already disposed host's
/// logger factory.
/// </summary>
internal sealed class HangfireJobTrigger(IServiceProvider services, IOptions<TeamShareOptions> options) : IJobTrigger
{
    public void Trigger(string jobId)
    {
        if (options.Value.ScheduleJobs) services.GetRequiredService<IBackgroundJobClient>()
            .Enqueue<JobRunner>(runner => runner.RunAsync(jobId, CancellationToken.None));
    }
}
