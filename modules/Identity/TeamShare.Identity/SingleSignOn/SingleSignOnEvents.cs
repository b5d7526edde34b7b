using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TeamShare.Identity.Auth;
using TeamShare.SharedKernel.Http;

namespace TeamShare.Identity.SingleSignOn;

/// <summary>
/// Where the framework's handler hands over: the provider is sent back to the public address (never a Host header's), and
/// a validated answer becomes TeamShare's own browser session, or a refusal the sign-in page explains.
/// </summary>
internal sealed class SingleSignOnEvents : OpenIdConnectEvents
{
    public static readonly SingleSignOnEvents Instance = new();
    public const string LoginHintKey = "login_hint";

    private SingleSignOnEvents()
    {
        OnRedirectToIdentityProvider = ctx =>
        {
            ctx.ProtocolMessage.RedirectUri = PublicAddress.ForMessages(ctx.HttpContext) + ctx.Options.CallbackPath;
            if (ctx.Properties.Items.TryGetValue(LoginHintKey, out var hint) && hint is { Length: > 0 }) ctx.ProtocolMessage.LoginHint = hint;
            return Task.CompletedTask;
        };
        OnAuthorizationCodeReceived = ctx =>
        {
            // The code is redeemed with the address it was issued for.
            if (ctx.TokenEndpointRequest is { } token) token.RedirectUri = PublicAddress.ForMessages(ctx.HttpContext) + ctx.Options.CallbackPath;
            return Task.CompletedTask;
        };
        OnTicketReceived = CompleteAsync;
        OnRemoteFailure = ctx =>
        {
            ctx.HandleResponse();
            ctx.Response.Redirect("/signin?sso=failed");
            return Task.CompletedTask;
        };
        OnAccessDenied = ctx =>
        {
            ctx.HandleResponse();
            ctx.Response.Redirect("/signin?sso=failed");
            return Task.CompletedTask;
        };
    }

    private static async Task CompleteAsync(TicketReceivedContext ctx)
    {
        ctx.HandleResponse();
        var http = ctx.HttpContext;
        var teamId = Guid.Parse(ctx.Scheme.Name[4..]);
        var principal = ctx.Principal ?? new ClaimsPrincipal();
        var groupsClaim = http.RequestServices.GetRequiredService<SingleSignOnSettingsCache>().Of(teamId)?.GroupsClaim;
        var mediator = http.RequestServices.GetRequiredService<IMediator>();
        var outcome = await mediator.Send(new CompleteSingleSignOn(teamId,
            principal.FindFirst("email")?.Value,
            string.Equals(principal.FindFirst("email_verified")?.Value, "true", StringComparison.OrdinalIgnoreCase),
            principal.FindFirst("name")?.Value,
            groupsClaim is null ? null : principal.FindAll(groupsClaim).Select(c => c.Value).ToList()), http.RequestAborted);
        if (!outcome.Ok)
        {
            http.Response.Redirect($"/signin?sso={Uri.EscapeDataString(outcome.Reason ?? "refused")}");
            return;
        }
        await BrowserSignIn.CompleteAsync(http, mediator, http.RequestServices.GetRequiredService<IDataProtectionProvider>(), outcome.Value!, null, http.RequestAborted);
        http.Response.Redirect(BrowserSignIn.LocalOrFiles(ctx.ReturnUri));
    }
}
