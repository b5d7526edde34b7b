using Mediator;

namespace TeamShare.Policy.Contracts;

/// <summary>One answer with a reason code the UI can show.</summary>
public sealed record PolicyDecision(bool Allowed, string? Reason = null)
{
    public static readonly PolicyDecision Allow = new(true);
    public static PolicyDecision Deny(string reason) => new(false, reason);
}

/// <summary>AD-10: may this channel be used for sharing that reaches outside the team?</summary>
public sealed record CheckChannel(Guid TeamId, string Channel) : IRequest<PolicyDecision>;

/// <summary>AD-1/AD-3: may a visitor who is not a signed-in member of the team open a link of this team now?</summary>
public sealed record CheckOutsideLinkAccess(Guid TeamId) : IRequest<PolicyDecision>;

public static class PolicyReasons
{
    public const string ChannelOff = "channel_off";
    public const string ExternalSharingOff = "external_sharing_off";
    public const string LinksOutsideTeamOff = "links_outside_team_off";
}
