using Mediator;
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
/// </summary>
[AllowAnonymous]
public sealed class LanguageModel(IMediator mediator) : PageModel
{
    public IActionResult OnGet() => LocalRedirect("/");

    public async Task<IActionResult> OnPostAsync(string? locale, string? returnUrl, CancellationToken ct)
    {
        if (!Cultures.IsSupported(locale)) return BadRequest();
        if (User.Identity?.IsAuthenticated == true) await mediator.Send(new SetLanguage(User.GetUserId(), locale), ct);
        Cultures.Remember(Response, locale!);
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl! : "/");
    }
}
