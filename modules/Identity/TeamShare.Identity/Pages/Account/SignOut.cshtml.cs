using Mediator;
using TeamShare.Identity.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TeamShare.SharedKernel.Security;

namespace TeamShare.Identity.Pages.Account;

public sealed class SignOutModel(IMediator mediator) : PageModel
{
    public IActionResult OnGet() => Redirect("/files");

    /// <summary>Ends the session on the server as well as deleting the cookie, so a copy of the cookie is worthless.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await mediator.Send(new EndBrowserSession(User), ct);
        await HttpContext.SignOutAsync(TeamShareClaims.CookieScheme);
        return Redirect("/signin");
    }
}
