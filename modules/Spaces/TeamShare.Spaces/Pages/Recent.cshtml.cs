using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TeamShare.SharedKernel.Security;
using TeamShare.Spaces.Recent;
using TeamShare.Spaces.Search;

namespace TeamShare.Spaces.Pages;

/// <summary>Recent (issue 28): files changed lately that the member may open.</summary>
public sealed class RecentModel(IMediator mediator) : PageModel
{
    internal IReadOnlyList<PlacedItemDto> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Items = await mediator.Send(new ListRecentFiles(User.GetUserId(), User.GetTeamId()), ct);
}
