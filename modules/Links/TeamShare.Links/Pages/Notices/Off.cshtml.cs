using TeamShare.SharedKernel.Http;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TeamShare.Links.Notices;

namespace TeamShare.Links.Pages.Notices;

/// <summary>
/// The address in a notice mail that stops mails about one link, without signing in (issue 11). Opening it asks first and a
/// button does it (issue 27, Info: mail scanners open every address in a mail, and each one stopped the sharer's mails);
/// a mail program's RFC 8058 one-click POST does it at once. The link's page turns them on again.
/// </summary>
[AllowAnonymous]
// The POST comes from a mail program (RFC 8058 one-click, "List-Unsubscribe=One-Click"), which has no form token: the
// sealed token in the address is what authorises it, as for the GET.
[IgnoreAntiforgeryToken]
public sealed class OffModel(IMediator mediator) : PageModel
{
    public string? LinkName { get; private set; }
    public string? Problem { get; private set; }

    /// <summary>True once the mails are off; false while the page asks.</summary>
    public bool Done { get; private set; }

    public Task<IActionResult> OnGetAsync(string? t, CancellationToken ct) => AnswerAsync(t, apply: false, ct);

    public Task<IActionResult> OnPostAsync(string? t, CancellationToken ct) => AnswerAsync(t, apply: true, ct);

    private async Task<IActionResult> AnswerAsync(string? t, bool apply, CancellationToken ct)
    {
        var outcome = await mediator.Send(new TurnOffNotices(t, apply), ct);
        Done = outcome.Ok && apply;
        if (outcome.Ok) LinkName = outcome.Value;
        else
        {
            Problem = outcome.Message;
            Response.StatusCode = RefusalStatus.Of(outcome.Refusal);
        }
        return Page();
    }
}
