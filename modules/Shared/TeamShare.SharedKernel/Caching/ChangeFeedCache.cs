using System.Collections.Concurrent;

namespace TeamShare.SharedKernel.Caching;

/// <summary>
/// Values kept per instance, each with the <see cref="ChangeFeed"/> stamp of its team, and served only while no change to
/// that team has been heard since (ADR 0031). A load that raced a change is not kept. Bounded: when full it starts again
/// empty.
/// </summary>
public sealed class ChangeFeedCache<TKey, TValue>(ChangeFeed feed, Func<TValue, Guid> teamOf, IEqualityComparer<TKey>? keys = null)
    where TKey : notnull where TValue : class
{
    private const int Capacity = 10_000;
    private readonly ConcurrentDictionary<TKey, (ChangeFeed.Stamp Stamp, TValue Value)> _entries = new(keys);

    /// <summary>Read before loading, handed to <see cref="Keep"/> after.</summary>
    public long Sequence => feed.Sequence;

    public TValue? Find(TKey key) =>
        _entries.TryGetValue(key, out var kept) && feed.IsCurrent(teamOf(kept.Value), kept.Stamp) ? kept.Value : null;

    /// <summary>
    /// The kept value, or what <paramref name="load"/> reads now, kept unless a change was heard while it read; a null read
    /// (nothing found) is not kept. The state is passed through, so a static load allocates no closure on a hit.
    /// </summary>
    public async ValueTask<TValue?> GetOrLoadAsync<TState>(TKey key, TState state,
        Func<TState, CancellationToken, Task<TValue?>> load, CancellationToken ct)
    {
        if (Find(key) is { } kept) return kept;
        var before = Sequence;
        var value = await load(state, ct);
        if (value is not null) Keep(key, value, before);
        return value;
    }

    /// <summary>Keeps what was read since <paramref name="sequenceBefore"/>, unless a change was heard meanwhile.</summary>
    public void Keep(TKey key, TValue value, long sequenceBefore)
    {
        if (feed.StampFor(teamOf(value), sequenceBefore) is not { } stamp) return;
        if (_entries.Count >= Capacity) _entries.Clear();
        _entries[key] = (stamp, value);
    }
}
