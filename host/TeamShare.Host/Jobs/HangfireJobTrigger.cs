using Hangfire;
using Microsoft.Extensions.Options;
using TeamShare.SharedKernel.Jobs;
using TeamShare.SharedKernel.Modules;

namespace TeamShare.Host.Jobs;

/// <summary>
/// Runs a scheduled sweep now; with scheduling off (tests that run sweeps by hand) it does nothing. The Hangfire manager is
/// only built when it is used: Hangfire keeps its logger in a process-wide static, so building it in a host that does not
/// schedule (one of several test hosts in a process) could reach another, already disposed host's logger factory.
/// </summary>
internal sealed class HangfireJobTrigger(IServiceProvider services, IOptions<TeamShareOptions> options) : IJobTrigger
{
    public void Trigger(string jobId)
    {
        if (options.Value.ScheduleJobs) services.GetRequiredService<IRecurringJobManager>().Trigger(jobId);
    }
}
