using Hangfire;
using Hangfire.Storage;
using TeamShare.SharedKernel.Jobs;

namespace TeamShare.Host.Jobs;

/// <summary>Reads the recurring sweeps' last and next runs from Hangfire's storage; nothing of a job's arguments or errors.</summary>
internal sealed class HangfireJobSchedule(JobStorage storage) : IJobSchedule
{
    public IReadOnlyList<JobRun> Runs()
    {
        using var connection = storage.GetConnection();
        return connection.GetRecurringJobs()
            .Select(j => new JobRun(j.Id, j.LastExecution, j.LastJobState, j.NextExecution))
            .OrderBy(j => j.Id).ToList();
    }
}
