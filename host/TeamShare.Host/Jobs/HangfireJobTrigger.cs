using Hangfire;
using Microsoft.Extensions.Options;
using TeamShare.SharedKernel.Jobs;
using TeamShare.SharedKernel.Modules;

namespace TeamShare.Host.Jobs;

/// <summary>Runs a scheduled sweep now; with scheduling off (tests that run sweeps by hand) it does nothing.</summary>
internal sealed class HangfireJobTrigger(IRecurringJobManager manager, IOptions<TeamShareOptions> options) : IJobTrigger
{
    public void Trigger(string jobId)
    {
        if (options.Value.ScheduleJobs) manager.Trigger(jobId);
    }
}
