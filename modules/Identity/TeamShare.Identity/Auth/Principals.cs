using System.Security.Claims;
using TeamShare.Identity.Data;
using TeamShare.SharedKernel.Security;
using TeamShare.SharedKernel.Localization;

namespace TeamShare.Identity.Auth;

internal static class Principals
{
    /// <param name="sessionId">The browser session a cookie belongs to (<see cref="BrowserSessions"/>); none for tokens.</param>
    /// <param name="teamLocale">The team's default language, read with the user so that choosing a request's language costs no query.</param>
    /// <param name="scopes">What a scoped token may do (issue 29), space-separated; null: what the role allows.</param>
    /// <param name="teamRequiresTwoFactor">The team's <see cref="Team.RequireTwoFactor"/>: with it, a member who has no second factor may only set one up.</param>
    public static ClaimsPrincipal For(User user, string scheme, Guid? sessionId = null, string? teamLocale = null, string? scopes = null,
        string? teamRequiresTwoFactor = null) =>
        new(new ClaimsIdentity(
        [
            new Claim(TeamShareClaims.UserId, user.Id.ToString()),
            new Claim(TeamShareClaims.TeamId, user.TeamId.ToString()),
            new Claim(TeamShareClaims.TeamRole, user.Role),
            new Claim(TeamShareClaims.Email, user.Email),
            new Claim(TeamShareClaims.DisplayName, user.DisplayName),
            .. sessionId is { } sid ? [new Claim(BrowserSessions.Claim, sid.ToString())] : Array.Empty<Claim>(),
            .. user.Locale is { } locale ? [new Claim(Cultures.Claim, locale)] : Array.Empty<Claim>(),
            .. teamLocale is { } team ? [new Claim(Cultures.TeamClaim, team)] : Array.Empty<Claim>(),
            .. (scopes ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(s => new Claim(TeamShareClaims.Scope, s)),
            .. MustSetUpTwoFactor(user, teamRequiresTwoFactor) ? [new Claim(TeamShareClaims.TwoFactorSetupRequired, "true")] : Array.Empty<Claim>(),
        ], scheme, TeamShareClaims.DisplayName, TeamShareClaims.TeamRole));

    public static string Normalize(string email) => email.Trim().ToUpperInvariant();

    /// <summary>A second factor is an authenticator app or a passkey (either is asked for after the password).</summary>
    public static bool HasSecondFactor(User user) => user.TotpEnabledAt is not null || user.HasPasskey;

    public static bool MustSetUpTwoFactor(User user, string? teamRequires) => !HasSecondFactor(user)
        && (teamRequires == "everyone" || (teamRequires == "admins" && user.Role is TeamRoles.Owner or TeamRoles.Admin));
}
