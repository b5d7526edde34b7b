using System.Collections.Concurrent;

namespace TeamShare.SharedKernel.Caching;

/// <summary>
/// What this instance knows of committed changes (issue 24): a version per team, bumped after every commit that wrote a
/// watched row of that team (on this instance by <see cref="ChangeFeedInterceptor"/>, from other instances by PostgreSQL
/// <c>NOTIFY</c>), and an epoch that drops everything at once. A cache keeps a <see cref="Stamp"/> with each entry and serves
/// it only while the stamp is current, so an entry is never served after a change to its team has been heard of.
/// Not trusted while the listener is away: then nothing is cached and every read goes to the database (fail safe).
/// </summary>
public sealed class ChangeFeed
{
    /// <summary>The PostgreSQL channel the watched tables' triggers notify: a team id, or <see cref="Everything"/>.</summary>
    public const string Channel = "teamshare_changes";
    public const string Everything = "*";

    /// <summary>The listener's <c>application_name</c>, so an operator can find its connection in <c>pg_stat_activity</c>.</summary>
    public const string ListenerName = "teamshare-change-feed";

    private readonly ConcurrentDictionary<Guid, long> _teams = new();
    private long _epoch;
    private long _sequence;
    private volatile bool _trusted;

    public ChangeFeed(bool trusted) => _trusted = trusted;

    public readonly record struct Stamp(long Epoch, long Team);

    /// <summary>Changes heard so far, of any team: read before a cache loads, compared after, so a load that raced a change is not kept.</summary>
    public long Sequence => Interlocked.Read(ref _sequence);

    public bool Trusted => _trusted;

    /// <summary>The stamp to keep with what was just read of <paramref name="teamId"/>, or null when it must not be kept:
    /// the feed is not trusted, or some change was heard since <paramref name="sequenceBefore"/>.</summary>
    public Stamp? StampFor(Guid teamId, long sequenceBefore)
    {
        var stamp = new Stamp(Interlocked.Read(ref _epoch), _teams.GetValueOrDefault(teamId));
        return _trusted && Sequence == sequenceBefore ? stamp : null;
    }

    /// <summary>The team's stamp now, or null while the feed is not trusted: what a cache keyed by it may serve under.</summary>
    public Stamp? Current(Guid teamId) => _trusted ? new Stamp(Interlocked.Read(ref _epoch), _teams.GetValueOrDefault(teamId)) : null;

    public bool IsCurrent(Guid teamId, Stamp stamp) =>
        _trusted && stamp.Epoch == Interlocked.Read(ref _epoch) && stamp.Team == _teams.GetValueOrDefault(teamId);

    public void Changed(Guid teamId)
    {
        _teams.AddOrUpdate(teamId, 1, static (_, version) => version + 1);
        Interlocked.Increment(ref _sequence);
    }

    public void ChangedAll()
    {
        Interlocked.Increment(ref _epoch);
        Interlocked.Increment(ref _sequence);
    }

    /// <summary>A notification's payload: a team id, or anything else for every team.</summary>
    public void Heard(string payload)
    {
        if (Guid.TryParse(payload, out var team)) Changed(team);
        else ChangedAll();
    }

    /// <summary>The listener lost its connection: changes may be missed from now on, so nothing is served from a cache.</summary>
    public void Distrust()
    {
        _trusted = false;
        ChangedAll();
    }

    /// <summary>Listening again: what was cached before may have missed a change, so it is dropped before caching resumes.</summary>
    public void Trust()
    {
        ChangedAll();
        _trusted = true;
    }
}

/// <summary>On a class: writes to its table bump no team (nothing a cache holds is read from it, e.g. sessions, events). On a
/// property: changing only such properties bumps nothing (counters). Everything else of a watched module is watched.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Property)]
public sealed class NotWatchedAttribute : Attribute;

/// <summary>The property naming a row's team when it is not called <c>TeamId</c> (the team row itself).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class TeamKeyAttribute : Attribute;
