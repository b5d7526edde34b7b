using System.Threading.Channels;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace TeamShare.SharedKernel.Publishing;

/// <summary>
/// The best-effort verb of the publishing seam (the durable one is <c>Stage</c> + <c>PublishStagedAsync</c> in
/// <see cref="Data.DurableNotifications"/>). <see cref="Publish"/> only puts the item into a bounded in-process queue: it never
/// fails, never waits and never writes on the caller's path. <see cref="BestEffortWriter{T}"/> publishes what gathered as one
/// batch notification. Loss window, stated in docs/architecture.md: what is queued when the process dies (at most the last
/// ~100 ms under load), or what arrives while the queue is full (counted and logged), or a batch whose handler fails (logged).
/// </summary>
public sealed class BestEffort<T>(IServiceScopeFactory scopes, ILogger<BestEffort<T>> logger, Func<IReadOnlyList<T>, INotification> batchOf)
{
    public const int Capacity = 10_000;
    public const int BatchSize = 500;
    private readonly Channel<T> _queue = Channel.CreateBounded<T>(new BoundedChannelOptions(Capacity)
    {
        FullMode = BoundedChannelFullMode.DropWrite, SingleReader = false, SingleWriter = false,
    });
    private readonly SemaphoreSlim _flushing = new(1, 1);
    private long _dropped;

    public long Dropped => Interlocked.Read(ref _dropped);

    public void Publish(T item)
    {
        if (!_queue.Writer.TryWrite(item) && Interlocked.Increment(ref _dropped) % 1000 == 1)
            logger.LogWarning("The {Type} queue is full; {Dropped} were not published.", typeof(T).Name, Dropped);
    }

    public ValueTask<bool> WaitAsync(CancellationToken ct) => _queue.Reader.WaitToReadAsync(ct);

    /// <summary>
    /// Publishes everything queued now, in batches. One flush at a time, so when a flush returns, every item queued before it
    /// was called is published (or given up), including a batch another caller had already taken.
    /// </summary>
    public async Task<int> FlushAsync(CancellationToken ct)
    {
        await _flushing.WaitAsync(ct);
        try { return await PublishQueuedAsync(ct); }
        finally { _flushing.Release(); }
    }

    private async Task<int> PublishQueuedAsync(CancellationToken ct)
    {
        var published = 0;
        while (true)
        {
            var batch = new List<T>(Math.Min(BatchSize, _queue.Reader.Count));
            while (batch.Count < BatchSize && _queue.Reader.TryRead(out var item)) batch.Add(item);
            if (batch.Count == 0) return published;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<IPublisher>().Publish(batchOf(batch), ct);
                published += batch.Count;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Best effort: a failing subscriber costs these items, never the caller.
                logger.LogWarning(e, "{Count} {Type} could not be published.", batch.Count, typeof(T).Name);
            }
        }
    }
}

/// <summary>Publishes queued items a moment after they arrive, and whatever is left when the host stops gracefully.</summary>
public sealed class BestEffortWriter<T>(BestEffort<T> queue) : BackgroundService
{
    private static readonly TimeSpan Gather = TimeSpan.FromMilliseconds(100);

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        try
        {
            while (await queue.WaitAsync(stopping))
            {
                // Let a batch gather: under load one notification (one transaction downstream) carries the last 100 ms.
                await Task.Delay(Gather, stopping);
                await queue.FlushAsync(stopping);
            }
        }
        catch (OperationCanceledException) { /* stopping: StopAsync publishes the rest */ }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await queue.FlushAsync(CancellationToken.None);
    }
}

public static class BestEffortRegistration
{
    /// <summary>Items of <typeparamref name="T"/> published best effort, in batches made by <paramref name="batchOf"/>.</summary>
    public static IServiceCollection AddBestEffort<T>(this IServiceCollection services, Func<IReadOnlyList<T>, INotification> batchOf)
    {
        services.AddSingleton(sp => new BestEffort<T>(sp.GetRequiredService<IServiceScopeFactory>(),
            sp.GetRequiredService<ILogger<BestEffort<T>>>(), batchOf));
        return services.AddHostedService<BestEffortWriter<T>>();
    }
}
