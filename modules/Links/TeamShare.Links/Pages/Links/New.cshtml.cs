using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TeamShare.SharedKernel.Security;
using TeamShare.Spaces.Contracts;

namespace TeamShare.Links.Pages.Links;

/// <summary>Create a link for an item (LK-1): options, then the link with a copy button.</summary>
public sealed class NewModel(IMediator mediator) : PageModel
{
    public ItemSummary? Item { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid itemId, CancellationToken ct)
    {
        var access = await mediator.Send(new GetItemAccess(User.GetUserId(), User.GetTeamId(), itemId), ct);
        if (access is not { Role: >= AccessRole.Editor, Item.InTrash: false }) return NotFound();
        Item = access.Item;
        return Page();
    }
}
