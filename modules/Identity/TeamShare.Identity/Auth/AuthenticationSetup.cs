using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TeamShare.Identity.Data;
using TeamShare.SharedKernel.Security;

namespace TeamShare.Identity.Auth;

internal static class AuthenticationSetup
{
    private const string Smart = "TeamShare";

    /// <summary>
    /// Cookie for browsers, Bearer for scripts, Basic with an app password for WebDAV clients (member drives only: on
    /// /dav/links Basic carries a link's password, which the link decides); a policy scheme picks by the Authorization header.
    /// </summary>
    public static void AddTeamShareAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication(Smart)
            .AddPolicyScheme(Smart, Smart, o => o.ForwardDefaultSelector = SchemeFor)
            .AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(TeamShareClaims.BearerScheme, null)
            .AddScheme<AuthenticationSchemeOptions, BasicAppPasswordHandler>(TeamShareClaims.BasicScheme, null)
            .AddCookie(TeamShareClaims.CookieScheme, o =>
            {
                o.Cookie.Name = "teamshare.auth";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.LoginPath = "/signin";
                o.LogoutPath = "/signout";
                o.AccessDeniedPath = "/not-allowed";
                o.SlidingExpiration = true;
                o.ExpireTimeSpan = TimeSpan.FromHours(12);
                o.Events.OnRedirectToLogin = ctx => ApiAware(ctx, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = ctx => ApiAware(ctx, StatusCodes.Status403Forbidden);
                o.Events.OnValidatePrincipal = RefreshFromDatabase;
            });

        services.AddAuthorizationBuilder()
            // Deny by default: every endpoint needs a signed-in user unless it says [AllowAnonymous].
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(TeamShareClaims.AdminPolicy, p => p.RequireAuthenticatedUser()
                .RequireClaim(TeamShareClaims.TeamRole, TeamRoles.Owner, TeamRoles.Admin))
            .AddPolicy(TeamShareClaims.OwnerPolicy, p => p.RequireAuthenticatedUser().RequireClaim(TeamShareClaims.TeamRole, TeamRoles.Owner))
            .AddPolicy(TeamShareClaims.WebDavPolicy, p => p.AddAuthenticationSchemes(TeamShareClaims.BasicScheme, TeamShareClaims.BearerScheme)
                .RequireAuthenticatedUser());
    }

    private static string SchemeFor(HttpContext ctx)
    {
        var header = ctx.Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return TeamShareClaims.BearerScheme;
        if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase) && BasicAppPasswordHandler.Applies(ctx.Request))
            return TeamShareClaims.BasicScheme;
        return TeamShareClaims.CookieScheme;
    }

    private static Task ApiAware(RedirectContext<CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api") || ctx.Request.Path.StartsWithSegments("/s"))
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        // Relative, so the Host or X-Forwarded-Host a client sends never picks where a browser is sent (issue 27 L3).
        ctx.Response.Redirect(Uri.TryCreate(ctx.RedirectUri, UriKind.Absolute, out var absolute) ? absolute.PathAndQuery : ctx.RedirectUri);
        return Task.CompletedTask;
    }

    /// <summary>
    /// ID-7: a suspended or removed user's cookie stops working on the next request, and so does the cookie of a session that
    /// was signed out (one query for both); a role change applies at once.
    /// </summary>
    private static async Task RefreshFromDatabase(CookieValidatePrincipalContext ctx)
    {
        var id = ctx.Principal?.FindFirst(TeamShareClaims.UserId)?.Value;
        var sid = Guid.TryParse(ctx.Principal?.FindFirst(BrowserSessions.Claim)?.Value, out var s) ? s : Guid.Empty;
        var db = ctx.HttpContext.RequestServices.GetRequiredService<IdentityDbContext>();
        var found = Guid.TryParse(id, out var userId)
            ? await (from u in db.Users
                     join t in db.Teams on u.TeamId equals t.Id
                     where u.Id == userId && u.IsActive && db.Sessions.Any(x => x.Id == sid && x.UserId == u.Id && x.EndedAt == null)
                     select new { User = u, TeamLocale = t.DefaultLocale, TeamRequires = t.RequireTwoFactor })
                .AsNoTracking().FirstOrDefaultAsync(ctx.HttpContext.RequestAborted)
            : null;
        var user = found?.User;
        if (user is null)
        {
            ctx.RejectPrincipal();
            await ctx.HttpContext.SignOutAsync(TeamShareClaims.CookieScheme);
            return;
        }
        if (user.Role != ctx.Principal!.GetTeamRole() || user.DisplayName != ctx.Principal!.Identity?.Name
            || user.Locale != ctx.Principal!.FindFirst(SharedKernel.Localization.Cultures.Claim)?.Value
            || found!.TeamLocale != ctx.Principal!.FindFirst(SharedKernel.Localization.Cultures.TeamClaim)?.Value
            || Principals.MustSetUpTwoFactor(user, found.TeamRequires) != ctx.Principal!.HasClaim(c => c.Type == TeamShareClaims.TwoFactorSetupRequired))
        {
            ctx.ReplacePrincipal(Principals.For(user, TeamShareClaims.CookieScheme, sid, found!.TeamLocale, teamRequiresTwoFactor: found.TeamRequires));
            ctx.ShouldRenew = true;
        }
    }
}
