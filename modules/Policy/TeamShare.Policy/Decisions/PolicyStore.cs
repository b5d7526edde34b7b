using Microsoft.EntityFrameworkCore;
using TeamShare.Policy.Data;
using TeamShare.SharedKernel.Channels;

namespace TeamShare.Policy.Decisions;

/// <summary>Reads a team's settings (defaults when it has none) and its channel switches.</summary>
internal sealed class PolicyStore(PolicyDbContext db, ISharingChannelRegistry channels)
{
    public async Task<TeamPolicy> ForTeamAsync(Guid teamId, CancellationToken ct) =>
        await db.Policies.AsNoTracking().FirstOrDefaultAsync(p => p.TeamId == teamId, ct) ?? new TeamPolicy { TeamId = teamId };

    /// <summary>A channel is on when it is registered, active, and not switched off by the team.</summary>
    /// <summary>The channels the team's admins switched off, in one query (the share dialog lists every channel).</summary>
    public async Task<IReadOnlySet<string>> ChannelsOffAsync(Guid teamId, CancellationToken ct) =>
        (await db.ChannelSwitches.AsNoTracking().Where(s => s.TeamId == teamId && !s.Enabled).Select(s => s.Channel).ToListAsync(ct)).ToHashSet();

    public async Task<bool> ChannelOnAsync(Guid teamId, string channel, CancellationToken ct) =>
        channels.Find(channel) is { IsActive: true }
        && !await db.ChannelSwitches.AsNoTracking().AnyAsync(s => s.TeamId == teamId && s.Channel == channel && !s.Enabled, ct);
}
