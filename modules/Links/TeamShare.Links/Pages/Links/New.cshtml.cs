using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TeamShare.Policy.Contracts;
using TeamShare.SharedKernel.Security;
using TeamShare.Spaces.Contracts;

namespace TeamShare.Links.Pages.Links;

/// <summary>Create a link (LK-1, LK-2): every option, the team's defaults filled in and locked where policy says so.</summary>
public sealed class NewModel(IMediator mediator) : PageModel
{
    public ItemSummary? Item { get; private set; }
    public LinkPolicy Policy { get; private set; } = null!;

    public bool AudienceLocked => !Policy.MembersMayOverrideDefaults;
    public bool TeamOnlyDefault => Policy.DefaultAudience is "team" or "invited" || !Policy.OutsideDecision.Allowed;

    public async Task<IActionResult> OnGetAsync(Guid itemId, CancellationToken ct)
    {
        var access = await mediator.Send(new GetItemAccess(User.GetUserId(), User.GetTeamId(), itemId), ct);
        if (access is not { Role: >= AccessRole.Editor, Item.InTrash: false }) return NotFound();
        Item = access.Item;
        Policy = await mediator.Send(new GetLinkPolicy(User.GetTeamId()), ct);
        return Page();
    }
}
