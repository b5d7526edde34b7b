using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TeamShare.Identity.Contracts;
using TeamShare.Invitations.Invite;
using TeamShare.Policy.Contracts;
using TeamShare.SharedKernel.Security;
using TeamShare.Spaces.Contracts;

namespace TeamShare.Invitations.Pages.ShareDialog;

/// <summary>The share dialog of seed 002 (SH-1..SH-8) for one item; the work is done by the JSON API through share-dialog.js.</summary>
public sealed class ShareDialogModel(IMediator mediator) : PageModel
{
    public ItemAccess Access { get; private set; } = null!;
    public int? MaxExternalDays { get; private set; }
    public IReadOnlyList<int> ExpiryChoices => InviteRecipients.ExpiryChoices;
    public IReadOnlyList<NamedPrincipal> Members { get; private set; } = [];
    public bool IsOwner => Access.Item.OwnerUserId == User.GetUserId();
    public bool Embedded => Request.Query["embed"] == "1";
    /// <summary>Who a link reaches, in the link page's words (Links keeps the rules; the dialog only offers them).</summary>
    public static readonly (string Value, string Label)[] AudienceChoices =
        [("anyone", "Anyone with the link"), ("team", "Members of my team (they sign in)"), ("invited", "Only people who already have access")];

    public async Task<IActionResult> OnGetAsync(Guid itemId, CancellationToken ct)
    {
        var access = await mediator.Send(new GetItemAccess(User.GetUserId(), User.GetTeamId(), itemId), ct);
        if (access is not { Role: > AccessRole.None, Item.InTrash: false }) return NotFound();
        Access = access;
        MaxExternalDays = (await mediator.Send(new GetLinkPolicy(User.GetTeamId()), ct)).MaxExternalExpiryDays;
        Members = (await mediator.Send(new ListTeamPrincipals(User.GetTeamId()), ct)).Users.Where(u => u.Id != User.GetUserId()).ToList();
        return Page();
    }
}
