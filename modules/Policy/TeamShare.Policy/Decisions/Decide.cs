using TeamShare.Policy.Contracts;
using TeamShare.Policy.Data;

namespace TeamShare.Policy.Decisions;

/// <summary>The rules of section 5 as pure functions, so a decision table can test every setting and mode.</summary>
internal static class Decide
{
    /// <summary>AD-1, AD-10, AD-2 in that order: the team switch, the channel, then the e-mail mode and approved list.</summary>
    public static PolicyDecision ExternalRecipient(TeamPolicy policy, bool channelOn, bool approved) =>
        !policy.ExternalSharingEnabled ? PolicyDecision.Deny(PolicyReasons.ExternalSharingOff)
        : !channelOn ? PolicyDecision.Deny(PolicyReasons.ChannelOff)
        : policy.EmailMode == EmailModes.TeamOnly ? PolicyDecision.Deny(PolicyReasons.EmailTeamOnly)
        : policy.EmailMode == EmailModes.TeamAndApproved && !approved ? PolicyDecision.Deny(PolicyReasons.NotApproved)
        : PolicyDecision.Allow;

    /// <summary>AD-1 and AD-3, checked on every open (retroactive by AD-11). The approved list does not apply to links.</summary>
    public static PolicyDecision OpenFromOutside(TeamPolicy policy) =>
        !policy.ExternalSharingEnabled ? PolicyDecision.Deny(PolicyReasons.ExternalSharingOff)
        : !policy.LinksOutsideTeamEnabled ? PolicyDecision.Deny(PolicyReasons.LinksOutsideTeamOff)
        : PolicyDecision.Allow;

    /// <summary>Creating a link that reaches outside: AD-1, AD-3, then the links channel switch (AD-10).</summary>
    public static PolicyDecision CreateOutsideLink(TeamPolicy policy, bool channelOn) =>
        OpenFromOutside(policy) is { Allowed: false } denied ? denied
        : !channelOn ? PolicyDecision.Deny(PolicyReasons.ChannelOff)
        : PolicyDecision.Allow;

    public static LinkPolicy Links(TeamPolicy policy, bool channelOn) =>
        new(CreateOutsideLink(policy, channelOn), policy.DefaultLinkAudience, policy.DefaultLinkPermission,
            policy.MembersMayOverrideLinkDefaults, policy.MaxExternalLinkExpiryDays, policy.MembersMayChangeExpiry,
            policy.RequirePasswordForExternalLinks, policy.LinkRestrictionsTeamWide);
}
