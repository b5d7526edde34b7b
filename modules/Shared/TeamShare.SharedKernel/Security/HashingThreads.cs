using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace TeamShare.SharedKernel.Security;

/// <summary>
/// Where slow password hashes run (sign-ins, link unlocks): threads of their own, at most half the cores (at least one),
/// which Linux schedules at a lower priority (nice 10). Alone they run at full speed; beside requests they yield, so a burst
/// of 32 unlocks no longer takes most of a core from everyone else (B3). .NET does not apply thread priorities on Linux,
/// hence the system call; elsewhere the threads run at the normal priority.
/// </summary>
public static class HashingThreads
{
    /// <summary>The nice value the threads run at: a tenth of a normal thread's share of a busy core.</summary>
    public const int Nice = 10;

    private static readonly BlockingCollection<Action> Work = Start(Math.Max(1, Environment.ProcessorCount / 2));

    public static Task<T> RunAsync<T>(Func<T> work, CancellationToken ct)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        // A request that goes away while its hash waits is answered at once, and its hash is skipped.
        var registration = ct.Register(() => done.TrySetCanceled(ct));
        Work.Add(() =>
        {
            registration.Dispose();
            if (done.Task.IsCompleted) return;
            try { done.TrySetResult(work()); }
            catch (Exception e) { done.TrySetException(e); }
        });
        return done.Task;
    }

    private static BlockingCollection<Action> Start(int threads)
    {
        var work = new BlockingCollection<Action>();
        for (var i = 0; i < threads; i++)
            new Thread(() =>
            {
                Lower();
                foreach (var action in work.GetConsumingEnumerable()) action();
            }) { IsBackground = true, Name = "teamshare-hashing" }.Start();
        return work;
    }

    private static void Lower()
    {
        if (!OperatingSystem.IsLinux()) return;
        // PRIO_PROCESS with a thread id sets that thread's nice value on Linux; raising it needs no privilege. A C library
        // without these calls leaves the threads at the normal priority: slower for others under a burst, never wrong.
        try { _ = SetPriority(0, GetThreadId(), Nice); }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException) { }
    }

    // Plain ints both ways, nothing to marshal (LibraryImport would need unsafe code for the same calls).
    [DllImport("libc", EntryPoint = "setpriority")]
    private static extern int SetPriority(int which, int who, int priority);

    [DllImport("libc", EntryPoint = "gettid")]
    private static extern int GetThreadId();
}
