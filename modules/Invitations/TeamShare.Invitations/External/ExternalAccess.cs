using Mediator;
using Microsoft.AspNetCore.Http;
using TeamShare.SharedKernel.Http;
using Microsoft.EntityFrameworkCore;
using TeamShare.Invitations.Data;
using TeamShare.Policy.Contracts;
using TeamShare.Invitations.Data;
using TeamShare.Spaces.Contracts;

namespace TeamShare.Invitations.External;

/// <param name="RequireCode">The team asks outside recipients for a mailed code (issue 11), read with the rest of the policy.</param>
/// <param name="Watermark">The team marks pages shown outside with who sees them (issue 25).</param>
internal sealed record ExternalView(Invitation Invitation, ItemSummary Item, bool RequireCode, bool Watermark = true);

/// <summary>
/// Every use of an external link: the signature, then the invitation row (revoked, version, expiry), AD-1, and the sender's
/// right to share the item now (SP-8, Editor or Owner, as for links): a suspended or removed sender's invitations stop with them.
/// </summary>
internal sealed class ExternalAccess(InvitationsDbContext db, ExternalLinks links, IMediator mediator, TimeProvider clock)
{
    public async Task<(ExternalView? View, Refused Refusal, string Reason, string Detail)> OpenAsync(string? token, CancellationToken ct)
    {
        // A blank token arrives as null (model binding turns "/x/%20" into null): no link, like any unknown one.
        if (token is null || token.Length > 1000 || links.Read(token) is not { } claim) return (null, Refused.NotFound, "not_found", "This link does not exist. Check that you copied all of it.");
        var invitation = await db.Invitations.AsNoTracking().FirstOrDefaultAsync(i => i.Id == claim.InvitationId && i.RecipientKind == "external", ct);
        if (invitation is null) return (null, Refused.NotFound, "not_found", "This link does not exist. Check that you copied all of it.");
        if (invitation.RevokedAt is not null || invitation.Version != claim.Version)
            return (null, Refused.Gone, "revoked", "The person who shared this with you has taken the access back.");
        if (invitation.ExternalExpiresAt <= clock.GetUtcNow().UtcDateTime)
            return (null, Refused.Gone, "expired", "This link has expired. Ask the person who shared it for a new one.");
        var rules = await mediator.Send(new GetExternalAccessRules(invitation.TeamId), ct);
        if (!rules.Access.Allowed)
            return (null, Refused.Forbidden, "blocked_by_policy", "The team that shared this does not allow access from outside right now.");
        var item = (await mediator.Send(new ResolveSharedItem(invitation.TeamId, [invitation.ItemId], invitation.ItemId), ct))?.Item;
        if (item is null) return (null, Refused.Gone, "deleted", "What was shared was deleted or is no longer available.");
        if (await mediator.Send(new GetItemAccess(invitation.SenderId, invitation.TeamId, invitation.ItemId), ct) is not { Role: >= AccessRole.Editor })
            return (null, Refused.Gone, "sender_cannot_share", "The person who shared this can no longer share it. Ask someone in their team.");
        return (new ExternalView(invitation, item, rules.RequireRecipientCode, rules.WatermarkOutsidePages), Refused.None, "", "");
    }
}

/// <summary>Issue 11: mail a code to the invited address of an external link that is otherwise open. Answers where it went (masked).</summary>
internal sealed record SendRecipientCode(string? Token, string ClientAddress) : IRequest<Outcome<string>>;

/// <summary>Issue 11: check a typed code; a right one answers the proof the caller sets as this browser's cookie.</summary>
internal sealed record VerifyRecipientCode(string? Token, string? Code) : IRequest<Outcome<RecipientProof>>;

internal sealed class RecipientCodeHandler(ExternalAccess access, RecipientCodes codes)
    : IRequestHandler<SendRecipientCode, Outcome<string>>, IRequestHandler<VerifyRecipientCode, Outcome<RecipientProof>>
{
    public async ValueTask<Outcome<string>> Handle(SendRecipientCode r, CancellationToken ct)
    {
        var (view, status, reason, detail) = await access.OpenAsync(r.Token, ct);
        return view is null ? Outcome<string>.Fail(status, "Not available", detail, reason) : await codes.SendAsync(view.Invitation, r.ClientAddress, ct);
    }

    public async ValueTask<Outcome<RecipientProof>> Handle(VerifyRecipientCode r, CancellationToken ct)
    {
        var (view, status, reason, detail) = await access.OpenAsync(r.Token, ct);
        return view is null ? Outcome<RecipientProof>.Fail(status, "Not available", detail, reason)
            : await codes.VerifyAsync(view.Invitation, r.Code, ct);
    }
}


