using TeamShare.SharedKernel.Http;
using Microsoft.AspNetCore.DataProtection;
using Mediator;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TeamShare.Identity.Auth;
using TeamShare.Identity.SignIn;
using TeamShare.SharedKernel.Security;

namespace TeamShare.Identity.Pages.Account;

[AllowAnonymous]
public sealed class SignInModel(IMediator mediator, IDataProtectionProvider protection) : PageModel
{
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    /// <summary>The browser's zone (site.js); kept for mails when the member has none yet (issue 28).</summary>
    [BindProperty] public string? TimeZone { get; set; }
    public string? Error { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var address = ClientAddress.Of(HttpContext);
        var devices = new KnownDevices(protection);
        var email = Principals.Normalize(Email ?? "");
        var outcome = await mediator.Send(new SignInCommand(Email ?? "", Password ?? "", address, devices.Recognizes(HttpContext, email)), ct);
        switch (outcome.Status)
        {
            case SignInStatus.Throttled:
                Response.StatusCode = 429;
                Error = "Too many failed attempts. Wait 15 minutes, then try again, or choose a new password with \"Forgot your password?\".";
                return Page();
            case SignInStatus.Invalid:
                Error = "That e-mail and password do not match an account.";
                return Page();
        }
        var returnTo = Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/files";
        // Issue 29: with a second factor (an authenticator app, a passkey), the password only opens the second step.
        if (Principals.HasSecondFactor(outcome.User!))
        {
            new PendingSignIns(protection).Start(HttpContext, outcome.User.Id, TimeZone);
            return LocalRedirect($"/signin/code?ReturnUrl={Uri.EscapeDataString(returnTo)}");
        }
        await BrowserSignIn.CompleteAsync(HttpContext, mediator, protection, outcome.User, TimeZone, ct);
        return LocalRedirect(returnTo);
    }
}
