using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using TeamShare.Links.Data;

namespace TeamShare.Links.Opening;

/// <summary>
/// LK-2's count, one atomic UPDATE per counted open: the limit check and the count are one statement, so concurrent opens
/// never pass the limit. On SQLite the opens that arrive together share one transaction (a group commit): SQLite lets one
/// writer in at a time, and 32 visitors each asking for the lock were put to sleep by its busy handler (1, 2, 5 ... 100 ms),
/// which made a counted open a tenth as fast as a cached one with a p99 over 100 ms (issue 24, B2). Each visitor's
/// statement still decides its own answer, in arrival order, and no answer is given before the transaction has committed.
/// PostgreSQL lets row writers run side by side, so there each open sends its statement on its own.
/// </summary>
/// <remarks>
/// The first visitor to find no batch running writes every open waiting at that moment, its own included, on its own
/// request's context (so what the request ran is seen where it ran); the others wait for their answer.
/// </remarks>
internal sealed class CountedOpens
{
    private const int MostPerTransaction = 500;

    private sealed record Pending(Guid ShareId, int Added)
    {
        public readonly TaskCompletionSource<bool> Answer = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private readonly ConcurrentQueue<Pending> _waiting = new();
    private readonly SemaphoreSlim _writer = new(1, 1);

    public async Task<bool> TryCountAsync(LinksDbContext db, Guid shareId, bool download, CancellationToken ct)
    {
        var added = download ? 1 : 0;
        if (!db.Database.IsSqlite() || db.Database.CurrentTransaction is not null) return await CountAsync(db, shareId, added, ct);
        var mine = new Pending(shareId, added);
        _waiting.Enqueue(mine);
        // Not canceled: an open in the queue is written by whoever holds the writer next, so each waiter either writes or
        // finds its answer, and the request's end cannot leave the others' answers unwritten.
        await _writer.WaitAsync(CancellationToken.None);
        try
        {
            if (!mine.Answer.Task.IsCompleted) await WriteWaitingAsync(db);
        }
        finally
        {
            _writer.Release();
        }
        return await mine.Answer.Task;
    }

    private async Task WriteWaitingAsync(LinksDbContext db)
    {
        var batch = new List<Pending>();
        while (batch.Count < MostPerTransaction && _waiting.TryDequeue(out var next)) batch.Add(next);
        var answers = new bool[batch.Count];
        try
        {
            await using (var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None))
            {
                for (var i = 0; i < batch.Count; i++) answers[i] = await CountAsync(db, batch[i].ShareId, batch[i].Added, CancellationToken.None);
                await transaction.CommitAsync(CancellationToken.None);
            }
        }
        catch (Exception e)
        {
            foreach (var pending in batch) pending.Answer.TrySetException(e);
            return;
        }
        for (var i = 0; i < batch.Count; i++) batch[i].Answer.TrySetResult(answers[i]);
    }

    /// <remarks>
    /// Written as SQL, not <c>ExecuteUpdate</c>: every counted open sends it, and EF Core rebuilt and re-parameterised the
    /// update's expression tree on each call, which took longer than running the statement (issue 24, B2: 60 % of the
    /// count's time in a profile). One setter per line, as EF writes them, so the change feed reads it as counters only.
    /// </remarks>
    private static async Task<bool> CountAsync(LinksDbContext db, Guid shareId, int added, CancellationToken ct) =>
        await db.Database.ExecuteSqlAsync($"""
            UPDATE "links_shares"
            SET "PreviewCount" = "PreviewCount" + 1,
                "DownloadCount" = "DownloadCount" + {added}
            WHERE "Id" = {shareId} AND ("PreviewLimit" IS NULL OR "PreviewCount" < "PreviewLimit")
            """, ct) == 1;
}
