using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Mediator;
using TeamShare.Links.MyShares;
using TeamShare.Links.Notices;
using TeamShare.SharedKernel.Security;

namespace TeamShare.Links.Pages.Shares;

/// <summary>My Shares (LK-4): search by name and creation date, filter by status, page on.</summary>
public sealed class IndexModel(IMediator mediator) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Name { get; set; }
    [BindProperty(SupportsGet = true)] public DateTime? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateTime? To { get; set; }
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? Cursor { get; set; }
    internal SharePage Shares { get; private set; } = new([], null);
    /// <summary>Whether new links mail their sharer what happens to them (issue 11).</summary>
    public bool NotifyByDefault { get; private set; }
    public string? Saved { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        NotifyByDefault = (await mediator.Send(new GetNoticeDefault(User.GetUserId()), ct)).Notify ?? true;
        var status = LinkMapping.Statuses.Contains(Status) ? Status : null;
        Shares = await mediator.Send(new ListMyShares(User.GetUserId(), User.GetTeamId(),
            new ShareQuery(Name, From, To?.AddDays(1), status, Cursor, 25)), ct);
    }

    public async Task OnPostNoticesAsync(bool notify, CancellationToken ct)
    {
        await mediator.Send(new SetNoticeDefault(User.GetUserId(), User.GetTeamId(), notify), ct);
        await OnGetAsync(ct);
        Saved = notify ? "New links will mail you what happens to them." : "New links will not mail you; each link can still be set on its page.";
    }

    public string NextUrl() =>
        $"/shares?name={Uri.EscapeDataString(Name ?? "")}&from={From:yyyy-MM-dd}&to={To:yyyy-MM-dd}&status={Status}&cursor={Shares.NextCursor}";
}
