using Microsoft.Extensions.Hosting;

namespace TeamShare.SharedKernel.Hosting;

/// <summary>
/// Start-up work that nothing waits for (the first gauges, the recurring jobs' schedule, a backfill) begins a moment after
/// the server starts listening, not at once: on a one-core machine it shared the CPU with the first requests, the
/// readiness probe's among them (issue 24, B10: a restart became ready ~0.3 s later for it).
/// </summary>
public static class AfterStart
{
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(1);

    /// <summary>Completes <see cref="Grace"/> after the host has started; canceled with <paramref name="stopping"/>.</summary>
    public static async Task WaitAsync(IHostApplicationLifetime lifetime, CancellationToken stopping)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
            await started.Task.WaitAsync(stopping);
        await Task.Delay(Grace, stopping);
    }
}
