using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TeamShare.SharedKernel.Security;

namespace TeamShare.Identity.Pages.Account;

public sealed class SignOutModel : PageModel
{
    public IActionResult OnGet() => Redirect("/files");

    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(TeamShareClaims.CookieScheme);
        return Redirect("/signin");
    }
}
