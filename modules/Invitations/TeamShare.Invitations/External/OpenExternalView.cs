using Mediator;
using TeamShare.Identity.Contracts;
using TeamShare.SharedKernel.Http;
using TeamShare.Spaces.Contracts;

namespace TeamShare.Invitations.External;

/// <summary>What the external recipient's page shows of what was shared (SH-4).</summary>
internal sealed record ExternalPage(Guid RootId, ItemSummary Item, IReadOnlyList<ItemSummary> Children, string SenderName, string TeamName,
    string? Message, DateTime? ExpiresAt);

/// <summary>The page, or why not: <paramref name="NeedsCode"/> when this browser must first confirm the invited address
/// (issue 11), else the refusal and the words for the recipient.</summary>
internal sealed record ExternalOpening(ExternalPage? Page, Refused Refusal = Refused.None, string? Detail = null, bool NeedsCode = false);

/// <summary>
/// SH-4: an external link opened, optionally inside a shared folder, in one request: the access check (<see cref="ExternalAccess"/>),
/// the address proof, the item, its children and who shared it.
/// </summary>
/// <param name="Proofs">This browser's address proofs (<see cref="RecipientCodes.ProofsOf"/>), read from its cookies at the edge.</param>
internal sealed record OpenExternalView(string? Token, Guid? Folder, IReadOnlyDictionary<string, string> Proofs) : IRequest<ExternalOpening>;

internal sealed class OpenExternalViewHandler(ExternalAccess access, RecipientCodes codes, IMediator mediator)
    : IRequestHandler<OpenExternalView, ExternalOpening>
{
    public async ValueTask<ExternalOpening> Handle(OpenExternalView r, CancellationToken ct)
    {
        var (view, refusal, _, detail) = await access.OpenAsync(r.Token, ct);
        if (view is null) return new ExternalOpening(null, refusal, detail);
        var invitation = view.Invitation;
        if (!codes.IsVerified(r.Proofs.GetValueOrDefault(RecipientCodes.CookieName(invitation.Id)), view)) return new ExternalOpening(null, NeedsCode: true);
        var item = r.Folder is { } id ? (await mediator.Send(new ResolveSharedItem(invitation.TeamId, [invitation.ItemId], id), ct))?.Item : view.Item;
        if (item is null) return new ExternalOpening(null, Refused.NotFound, "There is nothing here.");
        var children = item.Kind == "folder" ? await mediator.Send(new ListSharedChildren(invitation.TeamId, item.Id), ct) : [];
        var sender = await mediator.Send(new GetLinkSender(invitation.TeamId, invitation.SenderId), ct);
        return new ExternalOpening(new ExternalPage(invitation.ItemId, item, children, sender?.DisplayName ?? "Someone", sender?.TeamName ?? "",
            string.IsNullOrWhiteSpace(invitation.Message) ? null : invitation.Message, invitation.ExternalExpiresAt));
    }
}
