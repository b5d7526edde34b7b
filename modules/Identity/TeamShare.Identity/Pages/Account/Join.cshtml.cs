using TeamShare.SharedKernel.Http;
using Mediator;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.DataProtection;
using TeamShare.Identity.Auth;
using TeamShare.Identity.Join;
using TeamShare.SharedKernel.Security;

namespace TeamShare.Identity.Pages.Account;

/// <summary>The invitation mail's link: see who invites you to which team, choose a password, and you are in.</summary>
[AllowAnonymous]
public sealed class JoinModel(IMediator mediator, IDataProtectionProvider protection) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Token { get; set; }
    internal JoinPreview? Invitation { get; private set; }
    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Response.Headers.CacheControl = "no-store";
        Invitation = await mediator.Send(new PreviewJoin(Token), ct);
        if (Invitation is null) Error = JoinTeamHandler.Expired;
    }

    public async Task<IActionResult> OnPostAsync(string? password, string? repeatPassword, CancellationToken ct)
    {
        Response.Headers.CacheControl = "no-store";
        Invitation = await mediator.Send(new PreviewJoin(Token), ct);
        if (password != repeatPassword)
        {
            Error = "The two passwords are not the same.";
            Response.StatusCode = 400;
            return Page();
        }
        var outcome = await mediator.Send(new JoinTeam(Token, password), ct);
        if (!outcome.Ok)
        {
            Error = outcome.Message;
            Response.StatusCode = RefusalStatus.Of(outcome.Refusal);
            return Page();
        }
        var devices = new KnownDevices(protection);
        devices.Remember(HttpContext, outcome.Value!.NormalizedEmail);
        var principal = await mediator.Send(new StartBrowserSession(outcome.Value!), ct);
        await HttpContext.SignInAsync(TeamShareClaims.CookieScheme, principal);
        return LocalRedirect("/files");
    }
}
