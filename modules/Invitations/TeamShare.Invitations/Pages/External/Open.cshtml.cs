using TeamShare.SharedKernel.Http;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TeamShare.Identity.Contracts;
using TeamShare.Invitations.External;
using TeamShare.Spaces.Contracts;

namespace TeamShare.Invitations.Pages.External;

/// <summary>What an external recipient sees (SH-4): the shared item, view-only, until the access expires or is revoked.</summary>
[AllowAnonymous]
public sealed class OpenModel(IMediator mediator) : PageModel
{
    public string? Refusal { get; private set; }
    public ItemSummary? Item { get; private set; }
    public IReadOnlyList<ItemSummary> Children { get; private set; } = [];
    public string SenderName { get; private set; } = "";
    public string TeamName { get; private set; } = "";
    /// <summary>The sender's note from the share dialog, shown as in the mail.</summary>
    public string? Message { get; private set; }
    public DateTime? ExpiresAt { get; private set; }
    public string Base { get; private set; } = "";
    public Guid RootId { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? token, Guid? folder, CancellationToken ct)
    {
        RecipientHeaders.Apply(Response);
        Base = $"/x/{token}";
        var (view, status, _, detail) = await mediator.Send(new OpenExternalAccess(token), ct);
        if (view is null)
        {
            Response.StatusCode = status;
            Refusal = detail;
            return Page();
        }
        var invitation = view.Invitation;
        RootId = invitation.ItemId;
        Item = folder is { } id ? (await mediator.Send(new ResolveSharedItem(invitation.TeamId, [invitation.ItemId], id), ct))?.Item : view.Item;
        if (Item is null)
        {
            Response.StatusCode = 404;
            Refusal = "There is nothing here.";
            return Page();
        }
        if (Item.Kind == "folder") Children = await mediator.Send(new ListSharedChildren(invitation.TeamId, Item.Id), ct);
        var sender = await mediator.Send(new GetLinkSender(invitation.TeamId, invitation.SenderId), ct);
        SenderName = sender?.DisplayName ?? "Someone";
        TeamName = sender?.TeamName ?? "";
        Message = string.IsNullOrWhiteSpace(invitation.Message) ? null : invitation.Message;
        ExpiresAt = invitation.ExternalExpiresAt;
        return Page();
    }
}
