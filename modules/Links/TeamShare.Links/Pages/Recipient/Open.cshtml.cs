using TeamShare.SharedKernel.Http;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using TeamShare.Identity.Contracts;
using TeamShare.Links.Contracts;
using TeamShare.Links.Opening;
using TeamShare.Spaces.Contracts;

namespace TeamShare.Links.Pages.Recipient;

/// <summary>
/// The recipient page (LK-7) at /s/{token} and /q/{code}: HTML, or JSON for <c>Accept: application/json</c>, from one
/// handler so the two can never disagree. A drop box (preview off) lists nothing.
/// </summary>
[AllowAnonymous]
[OutputCache(PolicyName = RecipientPageCache.Policy)]
public class OpenModel(IMediator mediator) : PageModel
{
    internal RecipientView? View { get; private set; }
    public string? RefusalTitle { get; private set; }
    public string? RefusalDetail { get; private set; }
    public bool AskForPassword { get; private set; }
    public string EntryPath { get; private set; } = "";
    /// <summary>Issue 28: the link as a folder for WebDAV clients (<c>/dav/links/{token}/</c>); none for a QR code's entry.</summary>
    public string? DriveAddress { get; private set; }
    /// <summary>Where to sign in and come back, when signing in would open the link (team-only and "people with access" links).</summary>
    public string? SignInUrl { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? token, Guid? folder, CancellationToken ct)
    {
        RecipientHeaders.Apply(Response);
        var wantsJson = LinkRoutes.WantsJson(Request);
        var entry = LinkRoutes.EntryOf(HttpContext, token);
        EntryPath = entry.Path;
        if (!entry.IsQr) DriveAddress = $"{TeamShare.SharedKernel.Http.PublicAddress.ForMessages(HttpContext)}/dav/links/{Uri.EscapeDataString(entry.Token)}/";
        var (view, refusal) = await mediator.Send(new OpenRecipientView(entry, folder, LinkVisitor.Of(HttpContext)), ct);
        if (view is null)
        {
            if (wantsJson) return new ProblemActionResult(RefusalText.Problem(refusal));
            var text = RefusalText.For(refusal);
            Response.StatusCode = text.Status;
            (RefusalTitle, RefusalDetail, AskForPassword) = (text.Title, text.Detail, refusal == LinkRefusal.PasswordRequired);
            var signedIn = User.Identity?.IsAuthenticated == true;
            if (refusal is LinkRefusal.SignInRequired or LinkRefusal.Restricted && !signedIn)
                SignInUrl = "/signin?ReturnUrl=" + Uri.EscapeDataString(entry.Path + Request.QueryString);
            else if (refusal == LinkRefusal.SignInRequired)
                // Signed in, but to another team: signing in again would not help (issue 12).
                (RefusalTitle, RefusalDetail) = ("Only for the team that shared it",
                    "This link is only for members of the team that shared it, and you are signed in to another team.");
            return Page();
        }
        View = view;
        return wantsJson ? new JsonResult(View) : Page();
    }

    /// <summary>Lets a page handler answer with the same RFC 7807 result the minimal APIs use.</summary>
    private sealed class ProblemActionResult(IResult result) : IActionResult
    {
        public Task ExecuteResultAsync(ActionContext context) => result.ExecuteAsync(context.HttpContext);
    }
}
