using Microsoft.EntityFrameworkCore;

namespace TeamShare.SharedKernel.Data;

/// <summary>A pending delivery (mail, webhook) written in the same transaction as the change that caused it.</summary>
public interface IOutboxMessage
{
    Guid Id { get; }
    DateTime CreatedAt { get; }
    int Attempts { get; set; }
    DateTime? NextAttemptAt { get; set; }
    DateTime? LeaseUntil { get; set; }
    Guid? LeaseOwner { get; set; }
    DateTime? SentAt { get; set; }
    DateTime? FailedAt { get; set; }
    string? LastError { get; set; }
}

/// <summary>
/// The lease and retry rules every outbox shares. A sweep claims due rows with a lease (an UPDATE that only one instance
/// wins), so two job runs never send the same row; a crash leaves the lease to expire and the next sweep retries.
/// </summary>
public static class Outbox
{
    /// <summary>How long a claimed batch is held before another sweep may take it over (a crashed sender's mails wait this long).</summary>
    public static readonly TimeSpan DefaultLease = TimeSpan.FromMinutes(2);
    /// <summary>How long a temporary failure is retried, as a mail server does (Postfix keeps mail 5 days).</summary>
    public static readonly TimeSpan GiveUpAfter = TimeSpan.FromDays(5);
    public static readonly TimeSpan LongestWait = TimeSpan.FromHours(1);

    public static async Task<List<T>> ClaimDueAsync<T>(DbSet<T> set, DateTime now, int batch, TimeSpan lease, CancellationToken ct)
        where T : class, IOutboxMessage
    {
        var owner = Guid.NewGuid();
        var until = now + lease;
        var due = await set.Where(m => m.SentAt == null && m.FailedAt == null
                                       && (m.NextAttemptAt == null || m.NextAttemptAt <= now)
                                       && (m.LeaseUntil == null || m.LeaseUntil < now))
            .OrderBy(m => m.NextAttemptAt).Select(m => m.Id).Take(batch).ToListAsync(ct);
        if (due.Count == 0) return [];
        await set.Where(m => due.Contains(m.Id) && (m.LeaseUntil == null || m.LeaseUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LeaseUntil, until).SetProperty(m => m.LeaseOwner, owner), ct);
        return await set.Where(m => m.LeaseOwner == owner).ToListAsync(ct);
    }

    /// <summary>
    /// Gives back what a run claimed and neither sent nor failed, when it stops early (a graceful shutdown): another instance
    /// sends it at its next sweep instead of waiting out the lease (issue 23).
    /// </summary>
    public static Task<int> ReleaseAsync<T>(DbSet<T> set, IReadOnlyCollection<T> claimed) where T : class, IOutboxMessage
    {
        var ids = claimed.Where(m => m.SentAt == null && m.FailedAt == null).Select(m => m.Id).ToList();
        return ids.Count == 0
            ? Task.FromResult(0)
            : set.Where(m => ids.Contains(m.Id) && m.SentAt == null && m.FailedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.LeaseUntil, (DateTime?)null).SetProperty(m => m.LeaseOwner, (Guid?)null),
                    CancellationToken.None);
    }

    public static void Sent<T>(T message, DateTime now) where T : IOutboxMessage
    {
        message.Attempts++;
        message.SentAt = now;
        message.LeaseUntil = null;
        message.LastError = null;
    }

    /// <summary>
    /// A temporary failure: try again later with exponential backoff (30 s, 1 min, 2 min … then every hour) until five days
    /// after the message was queued; then it is undeliverable, with the last reason kept for the sender.
    /// </summary>
    public static void Retry<T>(T message, DateTime now, string error) where T : IOutboxMessage
    {
        message.Attempts++;
        message.LastError = error;
        message.LeaseUntil = null;
        if (now - message.CreatedAt >= GiveUpAfter) message.FailedAt = now;
        else message.NextAttemptAt = now + TimeSpan.FromSeconds(Math.Min(LongestWait.TotalSeconds, 30 * Math.Pow(2, Math.Min(20, message.Attempts - 1))));
    }

    /// <summary>A permanent failure: never retried, shown to the sender.</summary>
    public static void Fail<T>(T message, DateTime now, string error) where T : IOutboxMessage
    {
        message.Attempts++;
        message.LastError = error;
        message.FailedAt = now;
        message.LeaseUntil = null;
    }

    /// <summary>What the sender sees: pending, delayed (tried, will try again), sent, or failed (undeliverable, with the reason).</summary>
    public static string StatusOf(IOutboxMessage m) =>
        m.SentAt is not null ? "sent" : m.FailedAt is not null ? "failed" : m.Attempts > 0 ? "delayed" : "pending";
}
