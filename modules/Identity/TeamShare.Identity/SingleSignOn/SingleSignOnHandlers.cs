using System.Collections.Concurrent;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using TeamShare.Identity.Auth;
using TeamShare.Identity.Data;
using TeamShare.SharedKernel.Http;
using TeamShare.SharedKernel.Security;

namespace TeamShare.Identity.SingleSignOn;

/// <summary>
/// Issue 29: each team's OpenID Connect sign-in is ASP.NET Core's own handler, made per request for that team's two routes
/// only (its start and its callback), never registered as a scheme: registered remote schemes are asked on every request of
/// the server whether the request is theirs, and a server has as many as it has teams with single sign-on.
/// The options are built once per team and version (<see cref="TeamSingleSignOn.Version"/>): every instance reads the version
/// on each sign-in and rebuilds when an owner changed the settings anywhere.
/// </summary>
internal sealed class SingleSignOnHandlers(SingleSignOnSettingsCache settings, IOptionsMonitorCache<OpenIdConnectOptions> cache,
    IOptionsMonitor<OpenIdConnectOptions> options, ILoggerFactory logs, HtmlEncoder html, UrlEncoder url)
{
    public static string SchemeOf(Guid teamId) => $"sso-{teamId:N}";

    /// <summary>The team's handler for this request, or null when the team has no single sign-on.</summary>
    public async Task<OpenIdConnectHandler?> ForAsync(HttpContext http, Guid teamId)
    {
        var db = http.RequestServices.GetRequiredService<IdentityDbContext>();
        var row = await db.SingleSignOn.AsNoTracking().FirstOrDefaultAsync(x => x.TeamId == teamId, http.RequestAborted);
        if (settings.Keep(teamId, row)) cache.TryRemove(SchemeOf(teamId));
        if (row is null) return null;
        // Made with its constructor, not by reflection: sign-ins pay no per-request lookup of it.
        var handler = new OpenIdConnectHandler(options, logs, html, url);
        await handler.InitializeAsync(new AuthenticationScheme(SchemeOf(teamId), null, typeof(OpenIdConnectHandler)), http);
        return handler;
    }
}

/// <summary>Each team's settings as its handler's options were last built from, on this instance.</summary>
internal sealed class SingleSignOnSettingsCache
{
    private readonly ConcurrentDictionary<Guid, TeamSingleSignOn> _settings = new();

    public TeamSingleSignOn? Of(Guid teamId) => _settings.GetValueOrDefault(teamId);

    /// <summary>Keeps the row read now (null: single sign-on is off); true when it differs from what the options were built from.</summary>
    public bool Keep(Guid teamId, TeamSingleSignOn? row)
    {
        if (row is null) return _settings.TryRemove(teamId, out _);
        if (_settings.TryGetValue(teamId, out var known) && known.Version == row.Version) return false;
        _settings[teamId] = row;
        return true;
    }
}

/// <summary>The team's provider as options of the framework's handler: code flow with PKCE, claims from the user-info endpoint.</summary>
internal sealed class SingleSignOnOptionsSetup(SingleSignOnSettingsCache cached, IDataProtectionProvider protection, OutboundGuard outbound, TimeProvider clock)
    : IConfigureNamedOptions<OpenIdConnectOptions>
{
    public void Configure(OpenIdConnectOptions options) { }

    public void Configure(string? name, OpenIdConnectOptions options)
    {
        if (name is null || !name.StartsWith("sso-", StringComparison.Ordinal) || !Guid.TryParse(name[4..], out var teamId)
            || cached.Of(teamId) is not { } settings) return;
        options.Authority = settings.Issuer;
        options.ClientId = settings.ClientId;
        options.ClientSecret = StoredSecrets.Unprotect(protection, StoredSecrets.ClientSecret, settings.ProtectedClientSecret);
        options.ResponseType = OpenIdConnectResponseType.Code;
        options.UsePkce = true;
        // The answer comes back as a top-level GET, so the correlation and nonce cookies can be SameSite=Lax (form_post needs None).
        options.ResponseMode = OpenIdConnectResponseMode.Query;
        options.CallbackPath = SingleSignOnPaths.CallbackPath(teamId);
        options.SignInScheme = TeamShareClaims.CookieScheme;
        options.RequireHttpsMetadata = settings.Issuer.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
        options.Scope.Clear();
        foreach (var scope in new[] { "openid", "email", "profile" }) options.Scope.Add(scope);
        options.GetClaimsFromUserInfoEndpoint = true;
        options.MapInboundClaims = false;
        options.ClaimActions.MapUniqueJsonKey("email_verified", "email_verified");
        if (settings.GroupsClaim is { } groups) options.ClaimActions.MapJsonKey(groups, groups);
        options.CorrelationCookie.SameSite = options.NonceCookie.SameSite = SameSiteMode.Lax;
        options.CorrelationCookie.SecurePolicy = options.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        // The provider is reached like a webhook: public addresses only, unless the operator allows an inner network.
        options.BackchannelHttpHandler = outbound.CreateHandler();
        options.DisableTelemetry = true;
        options.TimeProvider = clock;
        options.Events = SingleSignOnEvents.Instance;
    }
}
