using TeamShare.SharedKernel.Http;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TeamShare.Identity.Recovery;

namespace TeamShare.Identity.Pages.Account;

/// <summary>The reset mail's link: choose a new password (typed twice), then sign in with it.</summary>
[AllowAnonymous]
public sealed class ResetPasswordModel(IMediator mediator) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Token { get; set; }
    public string? Error { get; private set; }
    public bool Done { get; private set; }

    public void OnGet() => Response.Headers.CacheControl = "no-store";

    public async Task<IActionResult> OnPostAsync(string? newPassword, string? repeatPassword, CancellationToken ct)
    {
        Response.Headers.CacheControl = "no-store";
        if (newPassword != repeatPassword)
        {
            Error = "The two passwords are not the same.";
            Response.StatusCode = 400;
            return Page();
        }
        var outcome = await mediator.Send(new CompletePasswordReset(Token, newPassword), ct);
        Done = outcome.Ok;
        if (!outcome.Ok)
        {
            Error = outcome.Message;
            Response.StatusCode = RefusalStatus.Of(outcome.Refusal);
        }
        return Page();
    }
}
