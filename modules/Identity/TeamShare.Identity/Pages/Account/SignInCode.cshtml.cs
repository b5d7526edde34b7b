using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TeamShare.Identity.Auth;
using TeamShare.Identity.TwoFactor;
using TeamShare.SharedKernel.Http;

namespace TeamShare.Identity.Pages.Account;

/// <summary>Issue 29: the second step of a sign-in with two-factor on: a code from the authenticator app, or a recovery code.</summary>
[AllowAnonymous]
public sealed class SignInCodeModel(IMediator mediator, IDataProtectionProvider protection) : PageModel
{
    private PendingSignIns Pending => new(protection);

    [BindProperty] public string? Code { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public string? Error { get; private set; }
    /// <summary>What this member's second step offers: a code from the app, their passkey, or both.</summary>
    public bool HasCode { get; private set; }
    public bool HasPasskey { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Pending.Read(HttpContext) is not var (userId, _)) return LocalRedirect("/signin");
        await ReadStepsAsync(userId, ct);
        return Page();
    }

    private async Task ReadStepsAsync(Guid userId, CancellationToken ct)
    {
        var steps = await mediator.Send(new GetSecondFactor(userId), ct);
        (HasCode, HasPasskey) = (steps.Enabled, steps.Passkey);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Pending.Read(HttpContext) is not var (userId, timeZone)) return LocalRedirect("/signin");
        var (check, user) = await mediator.Send(new CheckSecondFactor(userId, Code, ClientAddress.Of(HttpContext)), ct);
        if (check == SecondFactorCheck.Ok && user is not null)
        {
            Pending.End(HttpContext);
            await BrowserSignIn.CompleteAsync(HttpContext, mediator, protection, user, timeZone, ct);
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/files");
        }
        if (user is null) return LocalRedirect("/signin");
        await ReadStepsAsync(userId, ct);
        if (check == SecondFactorCheck.Throttled) Response.StatusCode = 429;
        Error = check switch
        {
            SecondFactorCheck.Throttled => "Too many failed attempts. Wait 15 minutes, then try again.",
            SecondFactorCheck.Missing => "Enter the 6-digit code your authenticator app shows, or a recovery code.",
            _ => "That code is not right. Codes change every 30 seconds: try the one your app shows now.",
        };
        return Page();
    }
}
