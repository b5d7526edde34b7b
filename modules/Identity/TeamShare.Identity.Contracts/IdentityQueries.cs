using Mediator;

namespace TeamShare.Identity.Contracts;

/// <summary>Who a user is for access decisions: live status and departments (ID-5, ID-7). One indexed query.</summary>
public sealed record GetPrincipalGroups(Guid UserId) : IRequest<PrincipalGroups?>;

public sealed record PrincipalGroups(Guid UserId, Guid TeamId, bool IsActive, IReadOnlyList<Guid> DepartmentIds);

public sealed record FindUserByEmail(string Email) : IRequest<UserSummary?>;

public sealed record UserSummary(Guid Id, Guid TeamId, string Email, string DisplayName, string Role, bool IsActive);

public sealed record FindDepartmentByName(Guid TeamId, string Name) : IRequest<Guid?>;

/// <summary>Who a link comes from, for its page: the team's name and the sharer's display name (null when no longer a member), in one query.</summary>
public sealed record GetLinkSender(Guid TeamId, Guid UserId) : IRequest<LinkSender?>;

public sealed record LinkSender(string TeamName, string? DisplayName);

/// <summary>Display names for a set of users of one team, for "shared by" and "added by" columns.</summary>
public sealed record GetUserNames(Guid TeamId, IReadOnlyList<Guid> UserIds) : IRequest<IReadOnlyDictionary<Guid, string>>;

/// <summary>Is this a live user or a department of the team ("organisation" always is)? Guards grants against foreign ids.</summary>
public sealed record PrincipalExists(Guid TeamId, string Kind, Guid? Id) : IRequest<bool>;

/// <summary>Everyone and every department of a team, for pickers in admin pages and the share dialog.</summary>
public sealed record ListTeamPrincipals(Guid TeamId) : IRequest<TeamPrincipals>;

public sealed record TeamPrincipals(IReadOnlyList<NamedPrincipal> Users, IReadOnlyList<NamedPrincipal> Departments, int ActiveMembers);

public sealed record NamedPrincipal(Guid Id, string Name, string? Email, int? MemberCount);

/// <summary>
/// Names for the principals of one item's grants: the live users among the ids, the departments with their live member
/// counts, and how many live members the team has. Its cost follows the grants, not the size of the team.
/// </summary>
public sealed record DescribePrincipals(Guid TeamId, IReadOnlyList<Guid> UserIds, IReadOnlyList<Guid> DepartmentIds)
    : IRequest<PrincipalDescriptions>;

public sealed record PrincipalDescriptions(IReadOnlyDictionary<Guid, NamedPrincipal> Users, IReadOnlyDictionary<Guid, NamedPrincipal> Departments,
    int ActiveMembers);

/// <summary>Name and address of users of a team, for mail about their own things.</summary>
public sealed record GetUserContacts(Guid TeamId, IReadOnlyList<Guid> UserIds) : IRequest<IReadOnlyDictionary<Guid, UserContact>>;

/// <param name="Language">What mails to them are written in: their own choice, else their team's default, else English.</param>
/// <param name="TimeZone">The IANA zone their mails write times in (issue 28); "UTC" when they have none.</param>
public sealed record UserContact(string DisplayName, string Email, string Language = "en", string TimeZone = "UTC");

/// <summary>The people a recipient stands for now: one user, a department's members, or everyone in the team (SH-3).</summary>
public sealed record GetAudience(Guid TeamId, string Kind, Guid? Id) : IRequest<IReadOnlyList<AudienceMember>>;

public sealed record AudienceMember(Guid UserId, string DisplayName, string Email);

/// <summary>
/// The recipients of one share dialog batch, checked at once (SH-1): which user and department ids are live principals of
/// the team, which addresses belong to its active members (an address of a member is that member, not an outsider), and
/// the people each recipient stands for now. A few queries whatever the size of the batch.
/// </summary>
public sealed record ResolveRecipients(Guid TeamId, IReadOnlyList<RecipientRef> Recipients, IReadOnlyList<string> Emails)
    : IRequest<ResolvedRecipients>;

/// <param name="Kind">"user", "department" or "organisation".</param>
public sealed record RecipientRef(string Kind, Guid? Id);

/// <param name="Audiences">The live people behind each known recipient; a recipient missing here does not exist.</param>
/// <param name="MembersByEmail">Active members of the team by the address as given.</param>
public sealed record ResolvedRecipients(IReadOnlyDictionary<RecipientRef, IReadOnlyList<AudienceMember>> Audiences,
    IReadOnlyDictionary<string, AudienceMember> MembersByEmail);

/// <summary>
/// The mail dispatcher asks for the token of a link that only a mail may carry (a password reset, an invitation to join a
/// team) when it sends that mail, so no outbox row holds one. Null when what the link was for is used, expired, canceled
/// or its account suspended: the mail is then not sent.
/// </summary>
public sealed record IssueMailLinkToken(string Kind, Guid SubjectId) : IRequest<string?>
{
    public const string PasswordReset = "password-reset";
    public const string MemberInvitation = "member-invitation";

    /// <summary>Mail model keys: what the link is for, its row, and the base URL the dispatcher puts the link on ("link").</summary>
    public const string KindKey = "link_kind";
    public const string SubjectKey = "link_subject";
    public const string LinkBaseKey = "link_base";

    public static string? PathOf(string kind) => kind switch
    {
        PasswordReset => "/reset-password",
        MemberInvitation => "/join",
        _ => null,
    };
}
