using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using TeamShare.Links.Contracts;
using TeamShare.Links.Data;
using TeamShare.Links.Opening;
using TeamShare.Links.QrCodes;
using TeamShare.Policy.Contracts;
using Microsoft.Extensions.Logging;
using TeamShare.SharedKernel.Data;
using TeamShare.SharedKernel.Http;
using TeamShare.SharedKernel.Security;
using TeamShare.Spaces.Contracts;

namespace TeamShare.Links.CreateShare;

internal static class CreateShareEndpoint
{
    public const string Channel = "links";

    /// <summary>POST /api/shares (LK-1): one or more items of one space, each of which the caller may share (Editor or Owner).</summary>
    public static async Task<IResult> Handle(CreateShareRequest body, ClaimsPrincipal user, HttpContext http, IMediator mediator,
        LinksDbContext db, LinkUrls urls, QrCodeService qr, PasswordHashing hashing, LinkTokenVault vault, TimeProvider clock,
        ILogger<LinksDbContext> log, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var errors = CreateShareValidator.Validate(body, now);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var (userId, teamId) = (user.GetUserId(), user.GetTeamId());
        var items = new List<ItemSummary>();
        var accesses = (await mediator.Send(new GetItemsAccess(userId, teamId, body.ItemIds!), ct)).ToDictionary(a => a.Item.Id);
        foreach (var id in body.ItemIds!)
        {
            var access = accesses.GetValueOrDefault(id);
            if (access is null || access.Role == AccessRole.None || access.Item.InTrash)
                return Problems.Field("itemIds", $"Item {id} does not exist or you cannot see it.");
            if (access.Role < AccessRole.Editor)
                return Problems.Status(403, "Not allowed", "Viewers cannot share. Ask the owner for Editor access.", "role_too_low");
            if (access.Item.ParentId is null)
                return Problems.Field("itemIds", "A whole space cannot be shared by link; share a folder inside it.");
            items.Add(access.Item);
        }
        if (items.Select(i => i.SpaceId).Distinct().Count() > 1) return Problems.Field("itemIds", "All items of a share must come from one space.");
        if (body.AllowUpload == true && items.Any(i => i.Kind != "folder")) return Problems.Field("allowUpload", "Uploading is possible into folders only.");

        if (await DailyCapReachedAsync(db, teamId, now, ct) is { } cap)
            return Problems.Status(429, "Daily limit reached", $"Your team can create {cap} shares a day. Try again tomorrow, or ask an admin to set up a custom domain for a higher limit.", "daily_cap_reached");

        var policy = await mediator.Send(new GetLinkPolicy(teamId), ct);
        var (options, field, message, reason) = LinkPolicyRules.Apply(body, policy, now);
        if (options is null) return PolicyProblem(field!, message!, reason);

        var token = Tokens.New();
        var share = new Share
        {
            Id = Guid.CreateVersion7(), TeamId = teamId, OwnerUserId = userId, SpaceId = items[0].SpaceId,
            Name = body.Name?.Trim() ?? items[0].Name, TokenHash = Tokens.Hash(token), TokenProtected = vault.Protect(token),
            AllowPreview = body.AllowPreview ?? true, PreviewLimit = body.PreviewLimit, AllowDownload = body.AllowDownload ?? true,
            AllowEdit = options.AllowEdit, AllowUpload = body.AllowUpload ?? false, TeamOnly = options.TeamOnly, InvitedOnly = options.InvitedOnly, ExpiresAt = options.ExpiresAt,
            PasswordHash = body.Password is null ? null : hashing.Hash(body.Password), Remarks = body.Remarks, CreatedAt = now,
            Items = items.Select((item, position) => new ShareItem { ItemId = item.Id, Position = position }).ToList(),
        };
        db.Shares.Add(share);
        var code = qr.New(share.Id);
        var created = new LinkCreated(share.Id, teamId, userId, share.Items.Select(i => i.ItemId).ToList(), now);
        db.Stage(created, created.EventId, now);
        await db.SaveChangesAsync(ct);
        await db.PublishStagedAsync(mediator, log, created, created.EventId, ct);

        var url = await urls.ForAsync(http.Request, teamId, new LinkEntry(LinkEntry.LinkPrefix, token), ct);
        return TypedResults.Created($"/api/shares/{share.Id}", ShareMapping.ToResponse(share, url, now, await qr.DescribeAsync(share, code, http.Request, ct)));
    }

    public static IResult PolicyProblem(string field, string message, string? reason) =>
        TypedResults.Problem(statusCode: 400, title: "Not allowed by your team's policy", detail: message,
            extensions: new Dictionary<string, object?> { ["reason"] = reason, ["errors"] = new Dictionary<string, string[]> { [field] = [message] } });

    /// <summary>LK-9: 500 shares a day per team, or the admin's higher cap once the team has a verified custom domain.</summary>
    private static async Task<int?> DailyCapReachedAsync(LinksDbContext db, Guid teamId, DateTime now, CancellationToken ct)
    {
        var settings = await db.TeamSettings.AsNoTracking().FirstOrDefaultAsync(t => t.TeamId == teamId, ct);
        var cap = settings?.EffectiveDailyCap ?? LinkLimits.DefaultDailyCap;
        var today = now.Date;
        var created = await db.Shares.CountAsync(s => s.TeamId == teamId && s.CreatedAt >= today, ct);
        return created >= cap ? cap : null;
    }
}
