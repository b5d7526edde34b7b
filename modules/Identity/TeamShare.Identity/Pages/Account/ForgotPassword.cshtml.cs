using TeamShare.SharedKernel.Validation;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TeamShare.Identity.Recovery;
using TeamShare.SharedKernel.Http;

namespace TeamShare.Identity.Pages.Account;

/// <summary>"Forgot your password?": asks for the address and always answers the same (see <see cref="RequestPasswordReset"/>).</summary>
[AllowAnonymous]
public sealed class ForgotPasswordModel(IMediator mediator) : PageModel
{
    [BindProperty] public string? Email { get; set; }
    public string? Error { get; private set; }
    public bool Sent { get; private set; }
    public static string SentMessage => Recovery.RequestPasswordReset.Sent;

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        try
        {
            await mediator.Send(new RequestPasswordReset(Email?.Trim(), PublicAddress.ForMessages(HttpContext)), ct);
            Sent = true;
        }
        catch (InvalidRequestException invalid)
        {
            // The request's own validator, the same one the API answers with; the form shows its words beside the field.
            Error = invalid.Errors.Values.First()[0];
            Response.StatusCode = 400;
        }
        return Page();
    }
}
