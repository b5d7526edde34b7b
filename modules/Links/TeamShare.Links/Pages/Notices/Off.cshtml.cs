using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TeamShare.Links.Notices;

namespace TeamShare.Links.Pages.Notices;

/// <summary>
/// The address in a notice mail that stops mails about one link, in one click and without signing in (issue 11). It only
/// ever turns mails off, so a mail scanner that follows it can do no harm beyond that; the link's page turns them on again.
/// </summary>
[AllowAnonymous]
// The POST comes from a mail program (RFC 8058 one-click, "List-Unsubscribe=One-Click"), which has no form token: the
// sealed token in the address is what authorises it, as for the GET.
[IgnoreAntiforgeryToken]
public sealed class OffModel(IMediator mediator) : PageModel
{
    public string? LinkName { get; private set; }
    public string? Problem { get; private set; }

    public Task<IActionResult> OnPostAsync(string? t, CancellationToken ct) => OnGetAsync(t, ct);

    public async Task<IActionResult> OnGetAsync(string? t, CancellationToken ct)
    {
        var outcome = await mediator.Send(new TurnOffNotices(t), ct);
        if (outcome.Ok) LinkName = outcome.Value;
        else
        {
            Problem = outcome.Message;
            Response.StatusCode = outcome.Status;
        }
        return Page();
    }
}
