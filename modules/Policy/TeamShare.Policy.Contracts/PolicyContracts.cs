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

/// <summary>
/// AD-1, AD-2, AD-10: may a member share with these addresses that are not members of their team, through this channel?
/// One decision per address as given; the team's settings and approved list are read once for the whole batch.
/// </summary>
public sealed record CheckExternalRecipients(Guid TeamId, IReadOnlyList<string> Emails, string Channel)
    : IRequest<IReadOnlyDictionary<string, PolicyDecision>>;

/// <summary>AD-3..AD-8: the defaults and limits a new link must follow.</summary>
public sealed record GetLinkPolicy(Guid TeamId) : IRequest<LinkPolicy>;

/// <param name="OutsideDecision">Whether links may reach people outside the team at all (AD-1, AD-3, AD-10).</param>
/// <param name="DefaultAudience">"team", "anyone" or "invited" (AD-4).</param>
/// <param name="DefaultPermission">"members_choose", "edit" or "view" (AD-5).</param>
public sealed record LinkPolicy(
    PolicyDecision OutsideDecision, string DefaultAudience, string DefaultPermission, bool MembersMayOverrideDefaults,
    int? MaxExternalExpiryDays, bool MembersMayChangeExpiry, bool PasswordRequiredOutside, bool LinkRestrictionsTeamWide);

public static class PolicyReasons
{
    public const string ChannelOff = "channel_off";
    public const string ExternalSharingOff = "external_sharing_off";
    public const string LinksOutsideTeamOff = "links_outside_team_off";
    public const string EmailTeamOnly = "email_team_only";
    public const string NotApproved = "not_on_approved_list";
}

/// <summary>
/// A sharing event of any channel, for the admin's sharing activity (AD-12). Channel plugins publish it, so adding a
/// channel needs no change to this module (CH-1).
/// </summary>
public sealed record SharingActivityOccurred(Guid TeamId, Guid? ActorId, string Kind, Guid? SubjectId, string? Target, string? Details, DateTime At)
    : INotification
{
    /// <summary>Publishers may publish the same event again after a crash; the activity log records each id once.</summary>
    public Guid EventId { get; init; } = Guid.CreateVersion7();
}

/// <summary>
/// Many sharing events of one action (an invitation of fifty people), published as one notification so the activity log
/// records them in one statement, not one transaction each. Each event keeps its own id, recorded once.
/// </summary>
public sealed record SharingActivitiesOccurred(IReadOnlyList<SharingActivityOccurred> Events) : INotification;

/// <summary>
/// Asked on every use of an external recipient's link, one question: is outside access on at all (AD-1), and must the
/// recipient confirm the invited address with a mailed code first (issue 11)?
/// </summary>
public sealed record GetExternalAccessRules(Guid TeamId) : IRequest<ExternalAccessRules>;

/// <param name="WatermarkOutsidePages">Issue 25: pages shown to outsiders carry a watermark (the address, or the link and the date).</param>
public sealed record ExternalAccessRules(PolicyDecision Access, bool RequireRecipientCode, bool WatermarkOutsidePages = true);
