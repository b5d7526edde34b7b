using Mediator;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TeamShare.Identity.Me;
using TeamShare.SharedKernel.Localization;
using TeamShare.SharedKernel.Security;

namespace TeamShare.Identity.Pages.Account;

/// <summary>
/// The language switch in the page header (issue 11): a member's choice is kept with their account; anyone's is also kept in a
/// cookie, so it holds at once and for people who are not signed in.
/// A visitor who is not signed in posts without an anti-forgery token: their choice is only their own cookie (issue 24).
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class LanguageModel(IMediator mediator, IAntiforgery antiforgery) : PageModel
{
    public IActionResult OnGet() => LocalRedirect("/");

    public async Task<IActionResult> OnPostAsync(string? locale, string? returnUrl, CancellationToken ct)
    {
        var member = User.Identity?.IsAuthenticated == true;
        // A member's choice is written to their account: that post must come from our own page.
        if (member && !await antiforgery.IsRequestValidAsync(HttpContext)) return BadRequest();
        if (!Cultures.IsSupported(locale)) return BadRequest();
        if (member) await mediator.Send(new SetLanguage(User.GetUserId(), locale), ct);
        Cultures.Remember(Response, locale!);
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl! : "/");
    }
}
