using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace TeamShare.Spaces.Rendering;

/// <summary>
/// Renders off the request path: a request for pages that are not there yet queues their content once and answers
/// "rendering"; a few workers (<see cref="PreviewOptions.Concurrency"/>) take the queue. What is asked for again after a restart
/// is queued again by that request, so the queue needs no table: the durable part is the cache, written whole or not at all.
/// Across instances a marker beside the cache lets one of them render a content.
/// </summary>
internal sealed class RenderQueue(Renderer renderer, RenderCache cache, IOptions<PreviewOptions> options, ILogger<RenderQueue> log)
    : BackgroundService
{
    private readonly Channel<RenderJob> _queue = Channel.CreateUnbounded<RenderJob>();
    private readonly ConcurrentDictionary<string, bool> _queued = new();

    public void Request(RenderJob job)
    {
        if (_queued.TryAdd(job.Sha256, true)) _queue.Writer.TryWrite(job);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Math.Max(1, options.Value.Concurrency)).Select(_ => Task.Run(() => WorkAsync(stoppingToken), stoppingToken)));

    private async Task WorkAsync(CancellationToken ct)
    {
        await foreach (var job in _queue.Reader.ReadAllAsync(ct))
        {
            try { await RenderOnceAsync(job, ct); }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { return; }
            catch (Exception e) { log.LogError(e, "Render of {Sha256} stopped", job.Sha256); }
            finally { _queued.TryRemove(job.Sha256, out _); }
        }
    }

    private async Task RenderOnceAsync(RenderJob job, CancellationToken ct)
    {
        // Stale after two full runs of both programs: then the instance that claimed it is gone.
        if (cache.Read(job.Sha256) is not null || !cache.TryClaim(job.Sha256, options.Value.TimeLimit * 4)) return;
        var work = cache.NewWorkDirectory();
        try
        {
            var result = await renderer.RenderAsync(job, work, ct);
            var built = cache.NewWorkDirectory();
            foreach (var page in Directory.EnumerateFiles(work, "*.png")) File.Move(page, Path.Combine(built, Path.GetFileName(page)));
            cache.Publish(job.Sha256, built, result);
        }
        finally
        {
            cache.Release(job.Sha256);
            try { Directory.Delete(work, recursive: true); } catch (IOException) { /* a killed program's file; the trim takes it */ }
        }
    }
}
