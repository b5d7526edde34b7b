using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TeamShare.SharedKernel.Security;
using TeamShare.Spaces.Search;
using TeamShare.Spaces.Starred;

namespace TeamShare.Spaces.Pages;

/// <summary>Starred (issue 28): what the member starred and may still open.</summary>
public sealed class StarredModel(IMediator mediator) : PageModel
{
    internal IReadOnlyList<PlacedItemDto> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Items = await mediator.Send(new ListStarred(User.GetUserId(), User.GetTeamId()), ct);
}
