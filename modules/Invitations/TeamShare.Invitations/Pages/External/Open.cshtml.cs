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
        var opening = await mediator.Send(new OpenExternalView(token, folder, RecipientCodes.ProofsOf(Request)), ct);
        NeedsCode = opening.NeedsCode;
        if (opening.Page is not { } page)
        {
            if (!NeedsCode) (Response.StatusCode, Refusal) = (RefusalStatus.Of(opening.Refusal), opening.Detail);
            return Page();
        }
        (RootId, Item, Children, SenderName, TeamName, Message, ExpiresAt) =
            (page.RootId, page.Item, page.Children, page.SenderName, page.TeamName, page.Message, page.ExpiresAt);
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
