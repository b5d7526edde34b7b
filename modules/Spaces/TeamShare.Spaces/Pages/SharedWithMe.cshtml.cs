using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TeamShare.SharedKernel.Security;
using TeamShare.Spaces.Grants;

namespace TeamShare.Spaces.Pages;

/// <summary>Shared with me (SH-10).</summary>
public sealed class SharedWithMeModel(IMediator mediator) : PageModel
{
    internal IReadOnlyList<SharedItemDto> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Items = await mediator.Send(new ListSharedWithMe(User.GetUserId(), User.GetTeamId()), ct);
}
