using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TeamShare.SharedKernel.Security;
using TeamShare.Spaces.Trash;

namespace TeamShare.Spaces.Pages;

/// <summary>Trash (SP-6): what the member deleted, restore or delete for good; purged after 30 days anyway.</summary>
public sealed class TrashModel(IMediator mediator) : PageModel
{
    internal IReadOnlyList<TrashEntryDto> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Items = await mediator.Send(new ListTrash(User.GetUserId(), User.GetTeamId()), ct);
}
