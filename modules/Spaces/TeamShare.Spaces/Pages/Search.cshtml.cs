using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TeamShare.SharedKernel.Security;
using TeamShare.Spaces.Search;

namespace TeamShare.Spaces.Pages;

/// <summary>The top bar's search (issue 12): names across the member's spaces and what is shared with them.</summary>
public sealed class SearchModel(IMediator mediator) : PageModel
{
    public string Query { get; private set; } = "";
    public string? Problem { get; private set; }
    internal IReadOnlyList<PlacedItemDto> Hits { get; private set; } = [];

    public async Task OnGetAsync(string? q, CancellationToken ct)
    {
        Query = q?.Trim() ?? "";
        if (Query.Length == 0) return;
        var outcome = await mediator.Send(new SearchItems(User.GetUserId(), User.GetTeamId(), Query), ct);
        if (outcome.Ok) Hits = outcome.Value!; else Problem = outcome.Message;
    }
}
