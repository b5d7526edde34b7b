using TeamShare.SharedKernel.Security;

namespace TeamShare.UnitTests;

/// <summary>B3: slow password hashes run on threads of their own that yield to requests, and never hold a request that left.</summary>
public sealed class HashingThreadsTests
{
    [Fact]
    public async Task B3_hashes_run_at_a_lower_priority_than_requests()
    {
        Assert.True(OperatingSystem.IsLinux(), "the server runs on Linux, where the priority is set");
        // /proc/thread-self/stat: the nice value is the 19th field, the 17th after the command's closing parenthesis.
        var nice = await HashingThreads.RunAsync(() =>
            int.Parse(File.ReadAllText("/proc/thread-self/stat").Split(')')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries)[16]),
            CancellationToken.None);
        Assert.Equal(HashingThreads.Nice, nice);
    }

    [Fact]
    public async Task B3_a_request_that_goes_away_while_its_hash_waits_is_answered_at_once_and_its_hash_skipped()
    {
        using var release = new ManualResetEventSlim();
        var busy = Enumerable.Range(0, Math.Max(1, Environment.ProcessorCount / 2))
            .Select(_ => HashingThreads.RunAsync(() => release.Wait(TimeSpan.FromSeconds(30)), CancellationToken.None)).ToList();
        using var leaving = new CancellationTokenSource();
        var ran = false;
        var waiting = HashingThreads.RunAsync(() => ran = true, leaving.Token);

        leaving.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        release.Set();
        await Task.WhenAll(busy);
        Assert.True(await HashingThreads.RunAsync(() => true, CancellationToken.None));
        Assert.False(ran);
    }
}
