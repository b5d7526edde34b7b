namespace TeamShare.SharedKernel.Jobs;

/// <summary>Asks for a module's recurring sweep to run now (say, mail right after a share), without waiting for its schedule.</summary>
public interface IJobTrigger
{
    void Trigger(string jobId);
}

/// <summary>When each recurring sweep last ran and runs next, for the team console's read-only view (issue 14 item 1).</summary>
public interface IJobSchedule
{
    IReadOnlyList<JobRun> Runs();
}

/// <summary>One sweep: null times when it has not run or is not scheduled on this deployment.</summary>
public sealed record JobRun(string Id, DateTime? LastRun, string? LastState, DateTime? NextRun);
