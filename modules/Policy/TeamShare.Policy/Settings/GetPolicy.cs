using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using TeamShare.Policy.Data;
using TeamShare.SharedKernel.Channels;
using TeamShare.SharedKernel.Security;

namespace TeamShare.Policy.Settings;

internal sealed record ChannelState(string Name, string DisplayName, string PolicySwitch, string CanShare, bool IsActive, bool Enabled);

internal sealed record PolicyResponse(bool ExternalSharingEnabled, bool LinksOutsideTeamEnabled, IReadOnlyList<ChannelState> Channels);

internal static class GetPolicyEndpoint
{
    /// <summary>GET /api/admin/policy: the caller's team's settings and every registered channel (owners and admins only).</summary>
    public static async Task<IResult> Handle(ClaimsPrincipal user, PolicyDbContext db, ISharingChannelRegistry registry, CancellationToken ct)
    {
        var teamId = user.GetTeamId();
        var policy = await db.Policies.AsNoTracking().FirstOrDefaultAsync(p => p.TeamId == teamId, ct) ?? new TeamPolicy();
        var switchedOff = await db.ChannelSwitches.AsNoTracking().Where(s => s.TeamId == teamId && !s.Enabled)
            .Select(s => s.Channel).ToListAsync(ct);
        var channels = registry.All.Select(c => new ChannelState(c.Name, c.DisplayName, c.PolicySwitch, c.CanShare.ToString(),
            c.IsActive, !switchedOff.Contains(c.Name))).ToList();
        return TypedResults.Ok(new PolicyResponse(policy.ExternalSharingEnabled, policy.LinksOutsideTeamEnabled, channels));
    }
}
