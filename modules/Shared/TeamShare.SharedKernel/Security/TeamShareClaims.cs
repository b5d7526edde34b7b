using System.Security.Claims;

namespace TeamShare.SharedKernel.Security;

/// <summary>Claims every authenticated principal carries; team scoping always reads them, never the request body.</summary>
public static class TeamShareClaims
{
    public const string UserId = "ts:uid";
    public const string TeamId = "ts:team";
    public const string TeamRole = "ts:role";
    public const string Email = ClaimTypes.Email;
    public const string DisplayName = ClaimTypes.Name;
    /// <summary>Issue 29: one claim per scope a token was limited to; a principal without any may do what its role allows.</summary>
    public const string Scope = "ts:scope";
    /// <summary>Issue 29: the team requires a second factor of this member, who has none yet; only setting one up is open.</summary>
    public const string TwoFactorSetupRequired = "ts:2fa-setup";

    public const string CookieScheme = "TeamShareCookie";
    public const string BearerScheme = "TeamShareBearer";
    /// <summary>HTTP Basic with an e-mail and an app password (a personal access token), for WebDAV clients.</summary>
    public const string BasicScheme = "TeamShareBasic";
    /// <summary>WebDAV: Basic or Bearer only, never the browser cookie, so no other site can drive a member's drive.</summary>
    public const string WebDavPolicy = "WebDav";
    public const string AdminPolicy = "TeamAdmin";
    /// <summary>The team's owner: how the team signs in (single sign-on, its directory) is theirs to set.</summary>
    public const string OwnerPolicy = "TeamOwner";
    /// <summary>A server operator (<c>TeamShare:Operators</c>), whatever their team role.</summary>
    public const string OperatorPolicy = "ServerOperator";

    public static Guid GetUserId(this ClaimsPrincipal user) => Guid.Parse(user.FindFirstValue(UserId)!);
    public static Guid GetTeamId(this ClaimsPrincipal user) => Guid.Parse(user.FindFirstValue(TeamId)!);
    public static string GetTeamRole(this ClaimsPrincipal user) => user.FindFirstValue(TeamRole) ?? "member";
    public static bool IsTeamAdmin(this ClaimsPrincipal user) => user.GetTeamRole() is "owner" or "admin";

    /// <summary>Whether a token limited to scopes has <paramref name="scope"/>; a browser session and an unscoped token have every scope.</summary>
    public static bool HasScope(this ClaimsPrincipal user, string scope) => !user.HasClaim(c => c.Type == Scope) || user.HasClaim(Scope, scope);

    public static bool IsOperator(this ClaimsPrincipal user, IEnumerable<string> operators) =>
        user.Identity?.IsAuthenticated == true && user.FindFirstValue(Email) is { Length: > 0 } email
        && operators.Any(o => string.Equals(o.Trim(), email, StringComparison.OrdinalIgnoreCase));
}
