using Mediator;
using Microsoft.EntityFrameworkCore;
using TeamShare.Links.Contracts;
using TeamShare.Links.Data;
using TeamShare.Links.Opening;
using TeamShare.Links.QrCodes;
using TeamShare.Policy.Contracts;
using TeamShare.SharedKernel.Data;
using TeamShare.SharedKernel.Http;
using TeamShare.SharedKernel.Security;
using TeamShare.Spaces.Contracts;

namespace TeamShare.Links.Create;

/// <summary>
/// LK-1: a share link (and its first QR code) for one or more items of one space, each of which the caller may share
/// (Editor or Owner), within the team's policy and daily cap.
/// </summary>
internal sealed record CreateLink(Guid UserId, Guid TeamId, CreateLinkBody Body) : IRequest<Outcome<LinkResponse>>
{
    public const string Channel = "links";
}

internal sealed class CreateLinkHandler(IMediator mediator, LinksDbContext db, LinkUrls urls, QrCodeService qr, PasswordHashing hashing,
    LinkTokenVault vault, TimeProvider clock, StagedNotifications staged) : IRequestHandler<CreateLink, Outcome<LinkResponse>>
{
    public async ValueTask<Outcome<LinkResponse>> Handle(CreateLink request, CancellationToken ct)
    {
        var (body, now) = (request.Body, clock.GetUtcNow().UtcDateTime);
        var (userId, teamId) = (request.UserId, request.TeamId);
        var (items, refused) = await ShareableItemsAsync(userId, teamId, body, ct);
        if (refused is not null) return refused;

        if (await DailyCapReachedAsync(db, teamId, now, ct) is { } cap)
            return Outcome<LinkResponse>.Fail(Refused.Throttled, "Daily limit reached", $"Your team can create {cap} shares a day. Try again tomorrow, or ask an admin to set up a custom domain for a higher limit.", "daily_cap_reached");

        var policy = await mediator.Send(new GetLinkPolicy(teamId), ct);
        var (options, field, message, reason) = LinkPolicyRules.Apply(body, policy, now);
        if (options is null) return LinkPolicyRules.Refusal<LinkResponse>(field!, message!, reason);

        if (body.UploadLimitBytes is not null && DropBoxLimits.Problem(body.UploadLimitBytes, await DropBoxLimits.TeamLimitAsync(db, teamId, ct)) is { } tooMuch)
            return Outcome<LinkResponse>.Invalid("uploadLimitBytes", tooMuch);

        var token = Tokens.New();
        var share = new Link
        {
            Id = Guid.CreateVersion7(), TeamId = teamId, OwnerUserId = userId, SpaceId = items[0].SpaceId,
            Name = body.Name?.Trim() ?? items[0].Name, TokenHash = Tokens.Hash(token), TokenProtected = vault.Protect(token),
            AllowPreview = body.AllowPreview ?? true, PreviewLimit = body.PreviewLimit, AllowDownload = body.AllowDownload ?? true,
            AllowEdit = options.AllowEdit, AllowUpload = body.AllowUpload ?? false,
            UploadLimitBytes = body.AllowUpload == true ? body.UploadLimitBytes : null, TeamOnly = options.TeamOnly, InvitedOnly = options.InvitedOnly, ExpiresAt = options.ExpiresAt,
            PasswordHash = body.Password is null ? null : hashing.Hash(body.Password), Remarks = body.Remarks, CreatedAt = now,
            Items = items.Select((item, position) => new LinkItem { ItemId = item.Id, Position = position }).ToList(),
            NoticesOff = body.Notify is { } notify ? !notify
                : await db.SharerSettings.Where(x => x.UserId == userId).Select(x => x.NoticesOffByDefault).FirstOrDefaultAsync(ct),
        };
        db.Links.Add(share);
        var code = qr.New(share.Id);
        var created = new LinkCreated(share.Id, teamId, userId, share.Items.Select(i => i.ItemId).ToList(), now);
        staged.Stage(db, created, created.EventId, now);
        await db.SaveChangesAsync(ct);

        var url = await urls.ForAsync(teamId, new LinkEntry(LinkEntry.LinkPrefix, token), ct);
        return Outcome<LinkResponse>.Success(LinkMapping.ToResponse(share, url, now, await qr.DescribeAsync(share, code, ct)));
    }

    /// <summary>The items in the order asked, when the caller may share each of them (Editor, not in the trash, one space).</summary>
    private async Task<(List<ItemSummary> Items, Outcome<LinkResponse>? Refused)> ShareableItemsAsync(Guid userId, Guid teamId, CreateLinkBody body,
        CancellationToken ct)
    {
        var items = new List<ItemSummary>();
        var accesses = (await mediator.Send(new GetItemsAccess(userId, teamId, body.ItemIds!), ct)).ToDictionary(a => a.Item.Id);
        foreach (var id in body.ItemIds!)
        {
            var access = accesses.GetValueOrDefault(id);
            if (access is null || access.Role == AccessRole.None || access.Item.InTrash)
                return (items, Outcome<LinkResponse>.Invalid("itemIds", $"Item {id} does not exist or you cannot see it."));
            if (access.Role < AccessRole.Editor)
                return (items, Outcome<LinkResponse>.Forbidden("Viewers cannot share. Ask the owner for Editor access.", "role_too_low"));
            if (access.Item.ParentId is null)
                return (items, Outcome<LinkResponse>.Invalid("itemIds", "A whole space cannot be shared by link; share a folder inside it."));
            items.Add(access.Item);
        }
        if (items.Select(i => i.SpaceId).Distinct().Count() > 1)
            return (items, Outcome<LinkResponse>.Invalid("itemIds", "All items of a share must come from one space."));
        if (body.AllowUpload == true && items.Any(i => i.Kind != "folder"))
            return (items, Outcome<LinkResponse>.Invalid("allowUpload", "Uploading is possible into folders only."));
        return (items, null);
    }

    /// <summary>LK-9: 500 shares a day per team, or the admin's higher cap once the team has a verified custom domain.</summary>
    private static async Task<int?> DailyCapReachedAsync(LinksDbContext db, Guid teamId, DateTime now, CancellationToken ct)
    {
        var settings = await db.TeamSettings.AsNoTracking().FirstOrDefaultAsync(t => t.TeamId == teamId, ct);
        var cap = settings?.EffectiveDailyCap ?? LinkLimits.DefaultDailyCap;
        var today = now.Date;
        var created = await db.Links.CountAsync(s => s.TeamId == teamId && s.CreatedAt >= today, ct);
        return created >= cap ? cap : null;
    }
}
