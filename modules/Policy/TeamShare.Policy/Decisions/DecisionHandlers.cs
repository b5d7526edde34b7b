using Mediator;
using Microsoft.EntityFrameworkCore;
using TeamShare.Policy.Contracts;
using TeamShare.Policy.Data;
using TeamShare.SharedKernel.Channels;

namespace TeamShare.Policy.Decisions;

internal sealed class CheckChannelHandler(PolicyDbContext db, ISharingChannelRegistry channels) : IRequestHandler<CheckChannel, PolicyDecision>
{
    public async ValueTask<PolicyDecision> Handle(CheckChannel request, CancellationToken ct)
    {
        if (channels.Find(request.Channel) is not { IsActive: true }) return PolicyDecision.Deny(PolicyReasons.ChannelOff);
        var policy = await db.Policies.AsNoTracking().FirstOrDefaultAsync(p => p.TeamId == request.TeamId, ct) ?? new TeamPolicy();
        if (!policy.ExternalSharingEnabled) return PolicyDecision.Deny(PolicyReasons.ExternalSharingOff);
        var off = await db.ChannelSwitches.AsNoTracking()
            .AnyAsync(s => s.TeamId == request.TeamId && s.Channel == request.Channel && !s.Enabled, ct);
        return off ? PolicyDecision.Deny(PolicyReasons.ChannelOff) : PolicyDecision.Allow;
    }
}

internal sealed class CheckOutsideLinkAccessHandler(PolicyDbContext db) : IRequestHandler<CheckOutsideLinkAccess, PolicyDecision>
{
    public async ValueTask<PolicyDecision> Handle(CheckOutsideLinkAccess request, CancellationToken ct)
    {
        var policy = await db.Policies.AsNoTracking().FirstOrDefaultAsync(p => p.TeamId == request.TeamId, ct) ?? new TeamPolicy();
        if (!policy.ExternalSharingEnabled) return PolicyDecision.Deny(PolicyReasons.ExternalSharingOff);
        return policy.LinksOutsideTeamEnabled ? PolicyDecision.Allow : PolicyDecision.Deny(PolicyReasons.LinksOutsideTeamOff);
    }
}
