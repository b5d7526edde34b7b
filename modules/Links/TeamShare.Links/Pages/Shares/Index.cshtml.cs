using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Mediator;
using TeamShare.Invitations.Contracts;
using TeamShare.Links.MyShares;
using TeamShare.Links.Notices;
using TeamShare.SharedKernel.Security;

namespace TeamShare.Links.Pages.Shares;

/// <summary>
/// My Shares (LK-4, issue 28): every share of the member, links and people alike, searched by name and creation date, filtered
/// by kind and status, paged on; a person's role changed and any person's access revoked right here.
/// </summary>
public sealed class IndexModel(IMediator mediator) : PageModel
{
    public static readonly (string Value, string Label)[] Kinds = [("", "Links and people"), ("links", "Links"), ("people", "People and e-mail")];

    [BindProperty(SupportsGet = true)] public string? Name { get; set; }
    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public DateTime? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateTime? To { get; set; }
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? Cursor { get; set; }
    internal EverySharePage Shares { get; private set; } = new([], null);
    /// <summary>Whether new links mail their sharer what happens to them (issue 11).</summary>
    public bool NotifyByDefault { get; private set; }
    public string? Saved { get; private set; }
    /// <summary>Why a revoke or role change did nothing (the share is gone, or the member may no longer change it).</summary>
    public string? Refused { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        NotifyByDefault = (await mediator.Send(new GetNoticeDefault(User.GetUserId()), ct)).Notify ?? true;
        var status = ListEveryShare.Statuses.Contains(Status) ? Status : null;
        var kind = Kinds.Any(k => k.Value == Kind) ? Kind : null;
        Shares = await mediator.Send(new ListEveryShare(User.GetUserId(), User.GetTeamId(),
            new ShareQuery(Name, From, To?.AddDays(1), status, Cursor, 25), string.IsNullOrEmpty(kind) ? null : kind), ct);
    }

    public async Task OnPostNoticesAsync(bool notify, CancellationToken ct)
    {
        await mediator.Send(new SetNoticeDefault(User.GetUserId(), User.GetTeamId(), notify), ct);
        await OnGetAsync(ct);
        Saved = notify ? "New links will mail you what happens to them." : "New links will not mail you; each link can still be set on its page.";
    }

    public async Task OnPostRevokeAsync(Guid itemId, Guid shareId, CancellationToken ct)
    {
        var done = await mediator.Send(new RevokePeopleShare(User.GetUserId(), User.GetTeamId(), User.Identity?.Name ?? "", itemId, shareId), ct);
        await OnGetAsync(ct);
        (Saved, Refused) = done ? ("Access revoked.", (string?)null) : ((string?)null, CannotChange);
    }

    public async Task OnPostRoleAsync(Guid itemId, Guid shareId, string? role, CancellationToken ct)
    {
        var done = role is "viewer" or "editor"
                   && await mediator.Send(new ChangePeopleShareRole(User.GetUserId(), User.GetTeamId(), itemId, shareId, role), ct);
        await OnGetAsync(ct);
        (Saved, Refused) = done ? ("Role changed.", (string?)null) : ((string?)null, CannotChange);
    }

    private const string CannotChange = "That share is gone, or you may no longer change who has access to its item.";

    /// <summary>Who a link reaches, in the words the link form uses.</summary>
    public static string AudienceLabel(string audience) =>
        Links.NewModel.AudienceChoices.FirstOrDefault(a => a.Value == audience).Label ?? audience;

    public string NextUrl() =>
        $"/shares?name={Uri.EscapeDataString(Name ?? "")}&kind={Kind}&from={From:yyyy-MM-dd}&to={To:yyyy-MM-dd}&status={Status}&cursor={Shares.NextCursor}";
}
