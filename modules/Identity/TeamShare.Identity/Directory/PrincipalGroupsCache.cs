using System.Collections.Concurrent;
using TeamShare.Identity.Contracts;
using TeamShare.SharedKernel.Caching;

namespace TeamShare.Identity.Directory;

/// <summary>
/// A member's standing (team, active or not, departments) as SP-8 asks it on every request, per instance, each kept with the
/// <see cref="ChangeFeed"/> stamp of the member's team and served only while no change to that team has been heard since
/// (a department joined or left, a suspension, a role: any commit writing a watched row of the team; a membership row, which
/// names no team, drops every entry). Bounded: when full it starts again empty. ADR 0031.
/// </summary>
internal sealed class PrincipalGroupsCache(ChangeFeed feed)
{
    private const int Capacity = 10_000;
    private readonly ConcurrentDictionary<Guid, (ChangeFeed.Stamp Stamp, PrincipalGroups Groups)> _byUser = new();

    public long Sequence => feed.Sequence;

    public PrincipalGroups? Find(Guid userId) =>
        _byUser.TryGetValue(userId, out var kept) && feed.IsCurrent(kept.Groups.TeamId, kept.Stamp) ? kept.Groups : null;

    /// <summary>Keeps what was read since <paramref name="sequenceBefore"/>, unless a change was heard meanwhile.</summary>
    public void Keep(PrincipalGroups groups, long sequenceBefore)
    {
        if (feed.StampFor(groups.TeamId, sequenceBefore) is not { } stamp) return;
        if (_byUser.Count >= Capacity) _byUser.Clear();
        _byUser[groups.UserId] = (stamp, groups);
    }
}
