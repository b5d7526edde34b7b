using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Mediator;
using TeamShare.Links.Create;
using TeamShare.Links.MyShares;
using TeamShare.Links.Tracking;
using TeamShare.SharedKernel.Security;
using TeamShare.Spaces.Contracts;

namespace TeamShare.Links.Pages.Shares;

/// <summary>One share: what happened to it (issue 11), its options (modify, LK-5), a new QR code (LK-3), cancel (LK-6).</summary>
public sealed class DetailModel(IMediator mediator) : PageModel
{
    internal LinkResponse Share { get; private set; } = null!;
    /// <summary>What the share holds, in its order, as far as the owner may still see it (issue 12: the page listed no files).</summary>
    public IReadOnlyList<ItemSummary> Items { get; private set; } = [];

    /// <summary>What happened to the link (issue 11): newest first, 50 at a time, the first open marked.</summary>
    internal LinkTimeline? Timeline { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, long? before, CancellationToken ct)
    {
        if (await mediator.Send(new GetMyShare(User.GetUserId(), User.GetTeamId(), id), ct) is not { } view) return NotFound();
        (Share, Items) = (view.Share, view.Items);
        Timeline = (await mediator.Send(new GetLinkEvents(User.GetUserId(), User.GetTeamId(), User.IsTeamAdmin(), id, before), ct)).Value;
        return Page();
    }

    public static string Verb(string kind) => kind switch
    {
        "opened" => "Opened", "previewed" => "Previewed", "downloaded" => "Downloaded", "uploaded" => "Uploaded", "edited" => "Edited",
        _ => kind,
    };
}
