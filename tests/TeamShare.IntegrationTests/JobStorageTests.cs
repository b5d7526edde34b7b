using Hangfire;
using Hangfire.States;
using Microsoft.Extensions.DependencyInjection;
using TeamShare.Host.Jobs;

namespace TeamShare.IntegrationTests;

/// <summary>Issue 9: job history and scheduled retries live in durable storage (SQLite's own file, or PostgreSQL), not in memory.</summary>
public sealed class JobStorageTests
{
    [Fact]
    public void JB_a_scheduled_retry_survives_a_restart_of_the_host()
    {
        var directory = Path.Combine(Path.GetTempPath(), "teamshare-tests", Guid.NewGuid().ToString("N"));
        string jobId;
        using (var first = new TeamShareFactory { DataDirectory = directory, DeleteDataOnDispose = false })
        {
            var jobs = first.Services.GetRequiredService<IBackgroundJobClient>();
            // What Hangfire's automatic retry does after a failure: the job waits in the Scheduled state until its time.
            jobId = jobs.Create<JobRunner>(r => r.RunAsync("links-expiry-sweep", CancellationToken.None),
                new ScheduledState(TimeSpan.FromHours(1)) { Reason = "Retry attempt 1 of 10" });
        }
        if (!TestDatabase.OnPostgres) Assert.True(File.Exists(Path.Combine(directory, "hangfire.db")), "jobs are kept in their own file");

        using var restarted = new TeamShareFactory { DataDirectory = directory };
        using var connection = restarted.Services.GetRequiredService<JobStorage>().GetConnection();
        var state = connection.GetStateData(jobId);
        Assert.Equal(ScheduledState.StateName, state.Name);
        Assert.Equal("Retry attempt 1 of 10", state.Reason);
        Assert.Equal("links-expiry-sweep", connection.GetJobData(jobId).Job.Args[0]);
    }
}
