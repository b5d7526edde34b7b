using TeamShare.SharedKernel.Caching;
namespace TeamShare.Identity.Data;

internal sealed class Team
{
    [TeamKey] public Guid Id { get; set; }
    public required string Name { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>The language of members who chose none, for mails and for clients that send no Accept-Language (issue 11).</summary>
    public string? DefaultLocale { get; set; }
    /// <summary>Issue 29: who must sign in with a second factor: "admins" (owner and admins), "everyone", or null (nobody).</summary>
    public string? RequireTwoFactor { get; set; }
}

internal static class TeamRoles
{
    public const string Owner = "owner";
    public const string Admin = "admin";
    public const string Member = "member";
    public static readonly string[] All = [Owner, Admin, Member];
}

internal sealed class User
{
    public Guid Id { get; set; }
    public Guid TeamId { get; set; }
    public required string Email { get; set; }
    /// <summary>Upper-invariant e-mail: unique across the deployment (ID-2).</summary>
    public required string NormalizedEmail { get; set; }
    public required string DisplayName { get; set; }
    [NotWatched] public required string PasswordHash { get; set; }
    public string Role { get; set; } = TeamRoles.Member;
    public bool IsActive { get; set; } = true;
    public DateTime CreatedAt { get; set; }
    /// <summary>Set when an admin removed the member (ID-7); a removed member is also inactive and hidden from lists.</summary>
    public DateTime? RemovedAt { get; set; }
    /// <summary>The member's own language ("en", "pl"), chosen with the switch in the page header; null: the browser's.</summary>
    [NotWatched] public string? Locale { get; set; }
    /// <summary>The IANA zone mails write times in (issue 28): taken from the browser at a sign-in, changed on the account page; null: UTC.</summary>
    [NotWatched] public string? TimeZone { get; set; }
    /// <summary>Issue 29: the TOTP secret (RFC 6238), encrypted with the data-protection keys; set at enrolment, kept when confirmed.</summary>
    [NotWatched] public string? TotpSecret { get; set; }
    /// <summary>When the member confirmed their authenticator: from then on a sign-in needs a code.</summary>
    [NotWatched] public DateTime? TotpEnabledAt { get; set; }
    /// <summary>The last 30-second step a code was accepted for, so a code is never accepted twice.</summary>
    [NotWatched] public long? TotpLastStep { get; set; }
    /// <summary>Issue 29: the member has a passkey; kept with the passkeys themselves, so a sign-in knows its second step without a query.</summary>
    [NotWatched] public bool HasPasskey { get; set; }
    /// <summary>Issue 29: the directory sync brought this member in or matched them by e-mail, so it may suspend them when they leave it.</summary>
    public bool DirectoryManaged { get; set; }
    /// <summary>Suspended by the directory sync (not by an admin), so their return to the directory lifts it.</summary>
    public bool SuspendedByDirectory { get; set; }
}

/// <summary>Issue 29: one-time codes for when the authenticator is lost; stored as SHA-256, each used once.</summary>
[NotWatched]
internal sealed class RecoveryCode
{
    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public required byte[] CodeHash { get; set; }
    public DateTime? UsedAt { get; set; }
}

/// <summary>
/// Issue 29: a passkey (WebAuthn discoverable credential) that signs its member in without a password. The browser's
/// authenticator keeps the private key; this keeps the public key and the signature counter it checks each sign-in against.
/// </summary>
[NotWatched]
internal sealed class Passkey
{
    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public Guid TeamId { get; set; }
    public required byte[] CredentialId { get; set; }
    public required byte[] PublicKey { get; set; }
    public long SignCount { get; set; }
    public required string Name { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? LastUsedAt { get; set; }
}

internal sealed class Department
{
    public Guid Id { get; set; }
    public Guid TeamId { get; set; }
    public required string Name { get; set; }
    /// <summary>Issue 29: the directory group this department follows (a group claim at sign-in); null for one an admin made.</summary>
    public string? DirectoryGroup { get; set; }
}

/// <summary>Issue 29: the team's own OpenID provider; one row per team at most.</summary>
[NotWatched]
internal sealed class TeamSingleSignOn
{
    public Guid TeamId { get; set; }
    public required string Issuer { get; set; }
    public required string ClientId { get; set; }
    /// <summary>Encrypted with the host's data-protection keys; never shown again.</summary>
    public required string ProtectedClientSecret { get; set; }
    /// <summary>The claim that lists the person's groups (departments); null: groups are not read.</summary>
    public string? GroupsClaim { get; set; }
    public bool CreateAccounts { get; set; }
    public bool Required { get; set; }
    /// <summary>Changes with every save, so each instance rebuilds its sign-in handler's options when it no longer matches.</summary>
    public Guid Version { get; set; }
    public DateTime UpdatedAt { get; set; }
}

/// <summary>Issue 29: the team's LDAP directory (Active Directory, OpenLDAP), whose people and groups the sync follows.</summary>
[NotWatched]
internal sealed class TeamDirectory
{
    public Guid TeamId { get; set; }
    public required string Url { get; set; }
    public string? BindDn { get; set; }
    /// <summary>Encrypted with the host's data-protection keys; never shown again.</summary>
    public string? ProtectedBindPassword { get; set; }
    public required string BaseDn { get; set; }
    public required string UserFilter { get; set; }
    public required string GroupFilter { get; set; }
    public required string EmailAttribute { get; set; }
    public required string NameAttribute { get; set; }
    public required string MemberAttribute { get; set; }
    public DateTime? LastSyncAt { get; set; }
    /// <summary>What the last sync did, or why it could not run, in one sentence for the console.</summary>
    public string? LastSyncResult { get; set; }
}

/// <summary>Issue 29: an e-mail domain of the team, proven with a DNS TXT record like a link domain (LK-10).</summary>
[NotWatched]
internal sealed class TeamEmailDomain
{
    public Guid TeamId { get; set; }
    public required string Domain { get; set; }
    public required string Token { get; set; }
    public DateTime? VerifiedAt { get; set; }
}

internal sealed class DepartmentMember
{
    public Guid DepartmentId { get; set; }
    public Guid UserId { get; set; }
}

[NotWatched]
internal sealed class AccessToken
{
    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public required string Name { get; set; }
    /// <summary>SHA-256 of the token; the token itself is shown once and never stored.</summary>
    public required byte[] TokenHash { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? RevokedAt { get; set; }
    /// <summary>Issue 29: <see cref="TokenKinds.Token"/> for scripts (Bearer, and Basic on the drive) or <see cref="TokenKinds.AppPassword"/>, the drive only.</summary>
    public string Kind { get; set; } = TokenKinds.Token;
    /// <summary>Issue 29: what a token may do, space-separated (read, write, admin); null: whatever the member's role allows.</summary>
    public string? Scopes { get; set; }
}

internal static class TokenKinds
{
    public const string Token = "token";
    public const string AppPassword = "app_password";
}

/// <summary>
/// A browser sign-in. The cookie names it; signing out ends it here, so a copied cookie stops working at once instead of
/// living out its 12 hours (issue 14 finding 11).
/// </summary>
[NotWatched]
internal sealed class Session
{
    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? EndedAt { get; set; }
}

/// <summary>One failed sign-in; counted per e-mail and client address for throttling (ID-8). Kept in the database so it survives restarts.</summary>
[NotWatched]
internal sealed class SignInFailure : TeamShare.SharedKernel.Security.IThrottledFailure
{
    public long Id { get; set; }
    public required string NormalizedEmail { get; set; }
    public required string ClientAddress { get; set; }
    public DateTime At { get; set; }
}

/// <summary>
/// A forgotten-password request (ASVS V6). The token is made when its mail is sent and stored only as its SHA-256, so the
/// outbox never holds a usable link; a newer mail's token replaces the older one. One use, one hour.
/// </summary>
[NotWatched]
internal sealed class PasswordReset
{
    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public byte[]? TokenHash { get; set; }
    public DateTime? UsedAt { get; set; }
}

/// <summary>
/// An admin's invitation to join the team (ID-2). The account is made only when the person opens the mailed link and
/// chooses a password, so a team can neither hold an address it does not control nor learn whether another team has it.
/// </summary>
[NotWatched]
internal sealed class MemberInvitation
{
    public Guid Id { get; set; }
    public Guid TeamId { get; set; }
    public required string Email { get; set; }
    public required string NormalizedEmail { get; set; }
    public required string DisplayName { get; set; }
    public required string Role { get; set; }
    public Guid InvitedBy { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public byte[]? TokenHash { get; set; }
    public DateTime? AcceptedAt { get; set; }
    public DateTime? CanceledAt { get; set; }
}
