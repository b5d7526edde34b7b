using System.Threading.Channels;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TeamShare.Links.Contracts;

namespace TeamShare.Links.Opening;

/// <summary>
/// The best-effort path for link uses (AD-12 activity): a request only puts the use into a bounded in-process queue, which
/// never fails and never waits; <see cref="LinkUseWriter"/> publishes what gathered as one batch (one transaction in Policy).
/// Loss window, stated in docs/architecture.md: what is queued when the process dies (at most the last ~100 ms under load), or
/// what arrives while the queue is full (counted and logged). The share's counters, updated in the request's own atomic
/// statement, stay exact either way.
/// </summary>
internal sealed class LinkUses(IServiceScopeFactory scopes, ILogger<LinkUses> logger)
{
    public const int Capacity = 10_000;
    public const int BatchSize = 500;
    private readonly Channel<LinkUsed> _queue = Channel.CreateBounded<LinkUsed>(new BoundedChannelOptions(Capacity)
    {
        FullMode = BoundedChannelFullMode.DropWrite, SingleReader = false, SingleWriter = false,
    });
    private readonly SemaphoreSlim _flushing = new(1, 1);
    private long _dropped;

    public long Dropped => Interlocked.Read(ref _dropped);

    public void Record(LinkUsed use)
    {
        if (!_queue.Writer.TryWrite(use) && Interlocked.Increment(ref _dropped) % 1000 == 1)
            logger.LogWarning("The link-use queue is full; {Dropped} uses were not recorded in the activity log.", Dropped);
    }

    public ValueTask<bool> WaitAsync(CancellationToken ct) => _queue.Reader.WaitToReadAsync(ct);

    /// <summary>
    /// Publishes everything queued now, in batches. One flush at a time, so when a flush returns, every use queued before it
    /// was called is written (or given up), including a batch another caller had already taken.
    /// </summary>
    public async Task<int> FlushAsync(CancellationToken ct)
    {
        await _flushing.WaitAsync(ct);
        try { return await WriteQueuedAsync(ct); }
        finally { _flushing.Release(); }
    }

    private async Task<int> WriteQueuedAsync(CancellationToken ct)
    {
        var written = 0;
        while (true)
        {
            var batch = new List<LinkUsed>(Math.Min(BatchSize, _queue.Reader.Count));
            while (batch.Count < BatchSize && _queue.Reader.TryRead(out var use)) batch.Add(use);
            if (batch.Count == 0) return written;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<IPublisher>().Publish(new LinksUsed(batch), ct);
                written += batch.Count;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Best effort: a failing activity log costs these rows, never a request.
                logger.LogWarning(e, "{Count} link uses could not be recorded in the activity log.", batch.Count);
            }
        }
    }
}

/// <summary>Writes queued link uses a moment after they arrive, and whatever is left when the host stops gracefully.</summary>
internal sealed class LinkUseWriter(LinkUses uses) : BackgroundService
{
    private static readonly TimeSpan Gather = TimeSpan.FromMilliseconds(100);

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        try
        {
            while (await uses.WaitAsync(stopping))
            {
                // Let a batch gather: under load one transaction carries every use of the last 100 ms.
                await Task.Delay(Gather, stopping);
                await uses.FlushAsync(stopping);
            }
        }
        catch (OperationCanceledException) { /* stopping: StopAsync writes the rest */ }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await uses.FlushAsync(CancellationToken.None);
    }
}
