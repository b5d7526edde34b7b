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
    /// <summary>Issue 11: this browser must first confirm the invited address with a mailed code; nothing of the item shows.</summary>
    public bool NeedsCode { get; private set; }
    /// <summary>Where the code went (masked), once asked for.</summary>
    public string? CodeSentTo { get; private set; }
    public string? CodeError { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? token, Guid? folder, CancellationToken ct)
    {
        RecipientHeaders.Apply(Response);
        Base = $"/x/{token}";
        var (view, status, _, detail) = await mediator.Send(new OpenExternalAccess(token), ct);
        if (view is null)
        {
            Response.StatusCode = RefusalStatus.Of(status);
            Refusal = detail;
            return Page();
        }
        var invitation = view.Invitation;
        if (!await mediator.Send(new IsRecipientVerified(view, RecipientCodes.ProofOf(Request, invitation.Id)), ct))
        {
            NeedsCode = true;
            return Page();
        }
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

    public async Task<IActionResult> OnPostSendCodeAsync(string? token, CancellationToken ct)
    {
        RecipientHeaders.Apply(Response);
        Base = $"/x/{token}";
        var sent = await mediator.Send(new SendRecipientCode(token, ClientAddress.Of(HttpContext)), ct);
        NeedsCode = true;
        if (sent.Ok) CodeSentTo = sent.Value;
        else CodeError = sent.Message;
        if (!sent.Ok) Response.StatusCode = RefusalStatus.Of(sent.Refusal);
        return Page();
    }

    public async Task<IActionResult> OnPostVerifyAsync(string? token, string? code, CancellationToken ct)
    {
        RecipientHeaders.Apply(Response);
        Base = $"/x/{token}";
        var verified = await mediator.Send(new VerifyRecipientCode(token, code), ct);
        if (verified.Ok)
        {
            verified.Value!.AppendTo(Response, Base);
            return Redirect(Base);
        }
        NeedsCode = true;
        CodeSentTo = "";
        CodeError = verified.Message;
        Response.StatusCode = RefusalStatus.Of(verified.Refusal);
        return Page();
    }
}
