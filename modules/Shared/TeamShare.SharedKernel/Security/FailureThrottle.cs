using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace TeamShare.SharedKernel.Security;

/// <summary>A failed guess kept in a module's own table, so a throttle holds across restarts and instances.</summary>
public interface IThrottledFailure
{
    long Id { get; }
    string ClientAddress { get; }
    DateTime At { get; }
}

/// <param name="PerAddress">Failures for one key from one address within <paramref name="PerAddressWindow"/> that close the key to that address.</param>
/// <param name="PerKey">Failures for one key from anywhere within <paramref name="PerKeyWindow"/> that close it to everyone not exempt;
/// null: a key never closes to everyone (issue 29: strangers must not be able to lock an account).</param>
/// <param name="PerAddressAnyKey">Failures from one address for any key within <paramref name="PerKeyWindow"/> that close that
/// address to every key for whoever is not exempt; null: no such limit.</param>
public sealed record ThrottleLimits(int PerAddress, TimeSpan PerAddressWindow, int? PerKey, TimeSpan PerKeyWindow, int? PerAddressAnyKey = null);

/// <summary>
/// The guess throttle of sign-ins (ID-8) and link passwords (LK-11): a key (an account, a link) closes to one address after a
/// few failures, and to everyone but the exempt (a known device, a team member) after many. Asked before any hashing.
/// </summary>
public sealed class FailureThrottle<TFailure>(DbContext db, TimeProvider clock, ThrottleLimits limits) where TFailure : class, IThrottledFailure
{
    private IQueryable<TFailure> Failures => db.Set<TFailure>();

    public async Task<bool> IsThrottledAsync(Expression<Func<TFailure, bool>> key, string address, bool exempt, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (await FromAddress(key, address, now).CountAsync(ct) >= limits.PerAddress) return true;
        return !exempt && await OverWideLimitsAsync(key, address, now, atLimit: true, ct);
    }

    /// <summary>The limits that reach beyond one key at one address: the key from anywhere, the address for any key.</summary>
    private async Task<bool> OverWideLimitsAsync(Expression<Func<TFailure, bool>> key, string address, DateTime now, bool atLimit, CancellationToken ct)
    {
        static bool Over(int count, int limit, bool atLimit) => atLimit ? count >= limit : count > limit;
        if (limits.PerKey is { } perKey && Over(await FromAnywhere(key, now).CountAsync(ct), perKey, atLimit)) return true;
        if (limits.PerAddressAnyKey is not { } perAddress) return false;
        var since = now - limits.PerKeyWindow;
        return Over(await Failures.Where(f => f.ClientAddress == address && f.At > since).CountAsync(ct), perAddress, atLimit);
    }

    /// <summary>
    /// Counts this guess as a failure before the secret is hashed, then checks: parallel guesses (on any instance) each see the
    /// ones committed before them, so no more than the limit ever reach the hash. Null: throttled. Otherwise the failure's id,
    /// to withdraw with <see cref="SucceededAsync"/> when the guess was right. A refused guess is withdrawn unless it is among
    /// the address's first ones in the window: when a flood is refused whole (every guess saw the others), the earliest still
    /// stand, so the address stays closed afterwards.
    /// </summary>
    public async Task<long?> ReserveAsync(Expression<Func<TFailure, bool>> key, Func<DateTime, TFailure> failure, bool exempt, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var attempt = failure(now);
        db.Add(attempt);
        await db.SaveChangesAsync(ct);
        var over = await FromAddress(key, attempt.ClientAddress, now).CountAsync(ct) > limits.PerAddress
                   || (!exempt && await OverWideLimitsAsync(key, attempt.ClientAddress, now, atLimit: false, ct));
        if (!over)
        {
            // Housekeeping on the write path keeps the table small without a separate job.
            var keySince = now - limits.PerKeyWindow;
            await Failures.Where(f => f.At < keySince).ExecuteDeleteAsync(ct);
            return attempt.Id;
        }
        var id = attempt.Id;
        if (await FromAddress(key, attempt.ClientAddress, now).CountAsync(f => f.Id < id, ct) >= limits.PerAddress) await SucceededAsync(id, ct);
        return null;
    }

    public async Task SucceededAsync(long attemptId, CancellationToken ct) => await Failures.Where(f => f.Id == attemptId).ExecuteDeleteAsync(ct);

    private IQueryable<TFailure> FromAddress(Expression<Func<TFailure, bool>> key, string address, DateTime now)
    {
        var since = now - limits.PerAddressWindow;
        return Failures.Where(key).Where(f => f.ClientAddress == address && f.At > since);
    }

    private IQueryable<TFailure> FromAnywhere(Expression<Func<TFailure, bool>> key, DateTime now)
    {
        var since = now - limits.PerKeyWindow;
        return Failures.Where(key).Where(f => f.At > since);
    }
}
