using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Mediator;
using TeamShare.Policy.Activity;
using TeamShare.SharedKernel.Security;

namespace TeamShare.Policy.Pages.Admin;

/// <summary>Admin console: sharing activity with filters, CSV and the top external domains (AD-12).</summary>
[Authorize(Policy = TeamShareClaims.AdminPolicy)]
public sealed class ActivityModel(IMediator mediator) : PageModel
{
    [BindProperty(SupportsGet = true)] public DateTime? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateTime? To { get; set; }
    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }
    /// <summary>Whose actions (issue 28: the log filtered by person, as the API's <c>actor</c>).</summary>
    [BindProperty(SupportsGet = true)] public Guid? Actor { get; set; }
    /// <summary>Issue 28: only what is about one item (its shares, the links that share it); set by clicking an item's name.</summary>
    [BindProperty(SupportsGet = true)] public Guid? Item { get; set; }
    /// <summary>The filtered item's name, as the rows about it give it.</summary>
    public string? ItemName => Item is { } id ? Rows.Where(r => r.ItemId == id).Select(r => r.Kind.StartsWith("link_") ? r.Summary : r.SubjectName)
        .FirstOrDefault(n => n is not null) : null;
    internal IReadOnlyList<TeamShare.Identity.Contracts.NamedPrincipal> People { get; private set; } = [];
    internal IReadOnlyList<ActivityDto> Rows { get; private set; } = [];
    internal IReadOnlyList<DomainCount> Domains { get; private set; } = [];
    public string CsvUrl { get; private set; } = "/api/admin/activity.csv";

    public static readonly string[] Kinds =
        ["link_created", "link_opened", "link_previewed", "link_downloaded", "link_uploaded", "link_edited", "link_modified", "link_canceled",
         "invitation_sent", "access_revoked", "posted_to_chat", "policy_changed", "second_factor_reset"];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Rows = await mediator.Send(new ListActivity(User.GetTeamId(), new ActivityFilter(From, To, Actor, Kind, null, Item), ListActivity.PageSize), ct);
        Domains = await mediator.Send(new TopSharedDomains(User.GetTeamId()), ct);
        People = (await mediator.Send(new TeamShare.Identity.Contracts.ListTeamPrincipals(User.GetTeamId()), ct)).Users; // active members, by name already
        // The same filter as the page, from its bound values: the form's empty fields ("From=") are not valid API values.
        var query = new Dictionary<string, string?>
        {
            ["from"] = From?.ToString("yyyy-MM-dd"), ["to"] = To?.ToString("yyyy-MM-dd"), ["kind"] = string.IsNullOrWhiteSpace(Kind) ? null : Kind,
            ["actor"] = Actor?.ToString(), ["item"] = Item?.ToString(),
        };
        CsvUrl = Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/api/admin/activity.csv", query.Where(q => q.Value is not null));
    }
}
