namespace TeamShare.Host.Startup;

/// <summary>
/// At least <see cref="Workers"/> thread-pool threads from the start, on any number of cores. SQLite answers its async calls
/// synchronously, so a thread that writes a batch (link uses, activity) is held for the whole write; on a one-core server the
/// pool starts with one thread and adds another only after about half a second of starvation, and every visitor waited that
/// long: B1's p99 at 32 connections was 410-530 ms in such runs, 27-29 ms with this floor (issue 24).
/// </summary>
internal static class ThreadPoolFloor
{
    public const int Workers = 8;

    public static void Apply()
    {
        ThreadPool.GetMinThreads(out var workers, out var io);
        if (workers < Workers) ThreadPool.SetMinThreads(Workers, io);
    }
}
