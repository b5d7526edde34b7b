using Mediator;
using Microsoft.EntityFrameworkCore;
using TeamShare.Policy.Contracts;
using TeamShare.Policy.Data;

namespace TeamShare.Policy.Decisions;

internal sealed class CheckChannelHandler(PolicyStore store) : IRequestHandler<CheckChannel, PolicyDecision>
{
    public async ValueTask<PolicyDecision> Handle(CheckChannel request, CancellationToken ct)
    {
        var policy = await store.ForTeamAsync(request.TeamId, ct);
        if (!policy.ExternalSharingEnabled) return PolicyDecision.Deny(PolicyReasons.ExternalSharingOff);
        return await store.ChannelOnAsync(request.TeamId, request.Channel, ct) ? PolicyDecision.Allow : PolicyDecision.Deny(PolicyReasons.ChannelOff);
    }
}

internal sealed class CheckOutsideLinkAccessHandler(PolicyStore store) : IRequestHandler<CheckOutsideLinkAccess, PolicyDecision>
{
    public async ValueTask<PolicyDecision> Handle(CheckOutsideLinkAccess request, CancellationToken ct) =>
        Decide.OpenFromOutside(await store.ForTeamAsync(request.TeamId, ct));
}

internal sealed class CheckExternalRecipientsHandler(PolicyStore store, PolicyDbContext db)
    : IRequestHandler<CheckExternalRecipients, IReadOnlyDictionary<string, PolicyDecision>>
{
    public async ValueTask<IReadOnlyDictionary<string, PolicyDecision>> Handle(CheckExternalRecipients request, CancellationToken ct)
    {
        var policy = await store.ForTeamAsync(request.TeamId, ct);
        var channelOn = await store.ChannelOnAsync(request.TeamId, request.Channel, ct);
        var approvedList = policy.EmailMode == EmailModes.TeamAndApproved
            ? await db.Approved.AsNoTracking().Where(a => a.TeamId == request.TeamId).Select(a => a.Value).ToListAsync(ct)
            : [];
        return request.Emails.Distinct().ToDictionary(email => email,
            email => Decide.ExternalRecipient(policy, channelOn, ApprovedList.Covers(approvedList, email)));
    }
}

internal sealed class GetLinkPolicyHandler(PolicyStore store) : IRequestHandler<GetLinkPolicy, LinkPolicy>
{
    public const string LinksChannel = "links";

    public async ValueTask<LinkPolicy> Handle(GetLinkPolicy request, CancellationToken ct) =>
        Decide.Links(await store.ForTeamAsync(request.TeamId, ct), await store.ChannelOnAsync(request.TeamId, LinksChannel, ct));
}

internal sealed class GetExternalAccessRulesHandler(PolicyStore store) : IRequestHandler<GetExternalAccessRules, ExternalAccessRules>
{
    public async ValueTask<ExternalAccessRules> Handle(GetExternalAccessRules request, CancellationToken ct)
    {
        var policy = await store.ForTeamAsync(request.TeamId, ct);
        return new ExternalAccessRules(policy.ExternalSharingEnabled ? PolicyDecision.Allow : PolicyDecision.Deny(PolicyReasons.ExternalSharingOff),
            policy.RequireRecipientCode, policy.WatermarkOutsidePages);
    }
}
