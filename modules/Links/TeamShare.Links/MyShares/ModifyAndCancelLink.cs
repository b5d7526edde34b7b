using Mediator;
using Microsoft.EntityFrameworkCore;
using TeamShare.Links.Contracts;
using TeamShare.Links.Create;
using TeamShare.Links.Data;
using TeamShare.Policy.Contracts;
using TeamShare.SharedKernel.Data;
using TeamShare.SharedKernel.Http;
using TeamShare.SharedKernel.Security;

namespace TeamShare.Links.MyShares;

/// <summary>LK-5: fields left out stay as they are; the link stays the same; the change holds from the next request (the gate
/// reads the row every time).</summary>
internal sealed record ModifyLink(Guid OwnerId, Guid ShareId, ModifyShareRequest Change) : IRequest<Outcome<LinkResponse>>;

/// <summary>LK-6: a canceled link stops working at once, for good. False when the share is not the owner's.</summary>
internal sealed record CancelLink(Guid OwnerId, Guid TeamId, Guid ShareId) : IRequest<bool>;

internal sealed class ModifyLinkHandler(LinksDbContext db, IMediator mediator, PasswordHashing hashing, TimeProvider clock, StagedNotifications staged)
    : IRequestHandler<ModifyLink, Outcome<LinkResponse>>
{
    public async ValueTask<Outcome<LinkResponse>> Handle(ModifyLink request, CancellationToken ct)
    {
        var (userId, id, body) = (request.OwnerId, request.ShareId, request.Change);
        var share = await db.Links.Include(s => s.Items).FirstOrDefaultAsync(s => s.Id == id && s.OwnerUserId == userId, ct);
        if (share is null) return Outcome<LinkResponse>.NotFound();
        if (share.CanceledAt is not null) return Outcome<LinkResponse>.Fail(Refused.Conflict, "Share canceled", "A canceled share cannot be changed.", "canceled");
        var now = clock.GetUtcNow().UtcDateTime;

        var merged = Merged(share, body);
        var errors = new Dictionary<string, string[]>();
        CreateLinkValidator.ValidateOptions(merged with { ExpiresAt = body.ExpiresAt }, now, errors);
        if (errors.Count > 0) return Outcome<LinkResponse>.Invalid(errors);
        if (body.AllowUpload == true && share.Items.Count > 0)
        {
            var states = await mediator.Send(new Spaces.Contracts.GetItemStates(share.TeamId, share.Items.Select(i => i.ItemId).ToList()), ct);
            if (states.Values.Any(i => i.Kind != "folder")) return Outcome<LinkResponse>.Invalid("allowUpload", "Uploading is possible into folders only.");
        }
        if (body.UploadLimitBytes is not null && DropBoxLimits.Problem(body.UploadLimitBytes, await DropBoxLimits.TeamLimitAsync(db, share.TeamId, ct)) is { } tooMuch)
            return Outcome<LinkResponse>.Invalid("uploadLimitBytes", tooMuch);
        var hasPassword = body.RemovePassword == true ? body.Password is not null : body.Password is not null || share.PasswordHash is not null;
        var policy = await mediator.Send(new GetLinkPolicy(share.TeamId), ct);
        // Policy judges what this change sets; an expiry left untouched stays as it was (AD-11).
        var (options, field, message, reason) = LinkPolicyRules.Apply(
            merged with { Password = hasPassword ? "set" : null, ExpiresAt = body.ExpiresAt }, policy, now,
            body.Audience is null && body.TeamOnly is null ? Audiences.Of(share) : null);
        if (options is null) return LinkPolicyRules.Refusal<LinkResponse>(field!, message!, reason);

        var before = Settings.Of(share);
        Apply(share, body, merged, options);
        // Issue 28: the audit trail names what changed, not every field the form sent (a remarks-only save named seven).
        var changed = before.ChangedTo(Settings.Of(share)).ToList();
        var modified = new LinkModified(share.Id, share.TeamId, userId, string.Join(", ", changed), now);
        if (changed.Count > 0) staged.Stage(db, modified, modified.EventId, now);
        await db.SaveChangesAsync(ct);
        return Outcome<LinkResponse>.Success(LinkMapping.ToResponse(share, null, now));
    }

    /// <summary>The link as it would be after the change: what the body sends, else what the link has.</summary>
    private static CreateLinkBody Merged(Link share, ModifyShareRequest body) =>
        new(share.Items.Select(i => i.ItemId).ToList(), body.Name ?? share.Name,
            body.AllowPreview ?? share.AllowPreview, body.RemovePreviewLimit == true ? null : body.PreviewLimit ?? share.PreviewLimit,
            body.AllowEdit ?? share.AllowEdit, body.AllowDownload ?? share.AllowDownload, body.TeamOnly,
            body.AllowUpload ?? share.AllowUpload, body.Password, body.Permanent == true ? null : body.ExpiresAt ?? share.ExpiresAt,
            body.Remarks ?? share.Remarks, body.Audience);

    private void Apply(Link share, ModifyShareRequest body, CreateLinkBody merged, LinkPolicyRules.Resolved options)
    {
        share.Name = merged.Name!.Trim();
        share.AllowPreview = merged.AllowPreview!.Value;
        share.PreviewLimit = merged.PreviewLimit;
        share.AllowEdit = options.AllowEdit;
        share.AllowDownload = merged.AllowDownload!.Value;
        share.TeamOnly = options.TeamOnly;
        share.InvitedOnly = options.InvitedOnly;
        share.AllowUpload = merged.AllowUpload!.Value;
        if (body.UploadLimitBytes is not null) share.UploadLimitBytes = body.UploadLimitBytes;
        if (body.ExpiresAt is not null || body.Permanent == true) share.ExpiresAt = options.ExpiresAt;
        share.Remarks = merged.Remarks;
        share.NoticesOff = body.Notify is { } notify ? !notify : share.NoticesOff;
        if (body.RemovePassword == true || body.Password is not null)
        {
            share.PasswordHash = body.Password is null ? null : hashing.Hash(body.Password);
            share.PasswordVersion++;
        }
    }

    /// <summary>What a sharer can change on a link, as the activity log names it.</summary>
    private sealed record Settings(string Name, bool NoticesOff, bool AllowPreview, int? PreviewLimit, bool AllowEdit, bool AllowDownload,
        string Audience, bool AllowUpload, long? UploadLimit, int PasswordVersion, DateTime? ExpiresAt, string? Remarks)
    {
        public static Settings Of(Link s) => new(s.Name, s.NoticesOff, s.AllowPreview, s.PreviewLimit, s.AllowEdit, s.AllowDownload,
            Audiences.Of(s), s.AllowUpload, s.UploadLimitBytes, s.PasswordVersion, s.ExpiresAt, s.Remarks);

        public IEnumerable<string> ChangedTo(Settings after)
        {
            if (Name != after.Name) yield return "name";
            if (NoticesOff != after.NoticesOff) yield return "mails to the sharer";
            if (AllowPreview != after.AllowPreview || PreviewLimit != after.PreviewLimit) yield return "preview";
            if (AllowEdit != after.AllowEdit) yield return "editing";
            if (AllowDownload != after.AllowDownload) yield return "download";
            if (Audience != after.Audience) yield return "audience";
            if (AllowUpload != after.AllowUpload || UploadLimit != after.UploadLimit) yield return "upload";
            if (PasswordVersion != after.PasswordVersion) yield return "password";
            if (ExpiresAt != after.ExpiresAt) yield return "expiry";
            if (Remarks != after.Remarks) yield return "remarks";
        }
    }

}

internal sealed class CancelLinkHandler(LinksDbContext db, IMediator mediator, TimeProvider clock, StagedNotifications staged) : IRequestHandler<CancelLink, bool>
{
    public async ValueTask<bool> Handle(CancelLink request, CancellationToken ct)
    {
        var (userId, id) = (request.OwnerId, request.ShareId);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var changed = await db.Links.Where(s => s.Id == id && s.OwnerUserId == userId && s.CanceledAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.CanceledAt, now), ct);
        // Canceling twice is done, not an error; a share that is not theirs is not found.
        if (changed == 0) return await db.Links.AnyAsync(s => s.Id == id && s.OwnerUserId == userId, ct);
        var canceled = new LinkCanceled(id, request.TeamId, userId, now);
        staged.Stage(db, canceled, canceled.EventId, now);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return true;
    }
}
