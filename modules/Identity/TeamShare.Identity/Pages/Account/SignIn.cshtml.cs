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

    /// <summary>Why single sign-on sent the browser back here (<see cref="SingleSignOn.CompleteSingleSignOn"/>'s reasons).</summary>
    public void OnGet(string? sso) => Error = sso switch
    {
        null => null,
        "no_account" => "Your identity provider signed you in, but this team has no TeamShare account for that address. Ask your team's admin to invite you.",
        "email_unverified" => "Your identity provider did not confirm an e-mail address for you, so TeamShare cannot tell which account is yours.",
        "suspended" => "Your account in this team is suspended. Ask your team's admin.",
        "sso_off" => "This team does not sign in with single sign-on. Sign in with your password.",
        "retry" => "Your account was made a moment ago. Sign in with single sign-on again.",
        _ => "Single sign-on did not complete. Try again, or ask your team's admin.",
    };

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var returnTo = Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/files";
        // Issue 29: an address of a team with single sign-on, sent without a password, goes on to the team's provider.
        if (string.IsNullOrEmpty(Password) && await mediator.Send(new SingleSignOn.FindSingleSignOn(Email), ct) is { } sso)
            return LocalRedirect($"{sso.Url}&returnUrl={Uri.EscapeDataString(returnTo)}");
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
            case SignInStatus.SingleSignOnRequired:
                return LocalRedirect($"{SingleSignOn.SingleSignOnPaths.Start(outcome.User!.TeamId)}?email={Uri.EscapeDataString(outcome.User.Email)}&returnUrl={Uri.EscapeDataString(returnTo)}");
        }
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
