using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http;
using TeamShare.Links.Contracts;
using TeamShare.Links.Data;
using TeamShare.Policy.Contracts;
using TeamShare.SharedKernel.Http;
using TeamShare.SharedKernel.Security;
using TeamShare.Spaces.Contracts;

namespace TeamShare.Links.CreateShare;

internal static class CreateShareEndpoint
{
    public const string Channel = "links";
    /// <summary>POST /api/shares (LK-1): one or more items of one space, each of which the caller may share (Editor or Owner).</summary>
    public static async Task<IResult> Handle(CreateShareRequest body, ClaimsPrincipal user, HttpContext http, IMediator mediator,
        LinksDbContext db, LinkUrls urls, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var errors = CreateShareValidator.Validate(body, now);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var (userId, teamId) = (user.GetUserId(), user.GetTeamId());
        var items = new List<ItemSummary>();
        foreach (var id in body.ItemIds!)
        {
            var access = await mediator.Send(new GetItemAccess(userId, teamId, id), ct);
            if (access is null || access.Role == AccessRole.None || access.Item.InTrash)
                return Problems.Field("itemIds", $"Item {id} does not exist or you cannot see it.");
            if (access.Role < AccessRole.Editor)
                return Problems.Status(403, "Not allowed", "Viewers cannot share. Ask the owner for Editor access.", "role_too_low");
            if (access.Item.ParentId is null)
                return Problems.Field("itemIds", "A whole space cannot be shared by link; share a folder inside it.");
            items.Add(access.Item);
        }
        if (items.Select(i => i.SpaceId).Distinct().Count() > 1)
            return Problems.Field("itemIds", "All items of a share must come from one space.");

        var policy = await mediator.Send(new GetLinkPolicy(teamId), ct);
        var (options, field, message, reason) = LinkPolicyRules.Apply(body, policy, now);
        if (options is null)
            return TypedResults.Problem(statusCode: 400, title: "Not allowed by your team's policy", detail: message,
                extensions: new Dictionary<string, object?> { ["reason"] = reason, ["errors"] = new Dictionary<string, string[]> { [field!] = [message!] } });

        var token = Tokens.New();
        var share = new Share
        {
            Id = Guid.CreateVersion7(), TeamId = teamId, OwnerUserId = userId, SpaceId = items[0].SpaceId,
            Name = body.Name?.Trim() ?? items[0].Name, TokenHash = Tokens.Hash(token),
            AllowPreview = body.AllowPreview ?? true, PreviewLimit = body.PreviewLimit, AllowDownload = body.AllowDownload ?? true,
            TeamOnly = options.TeamOnly, ExpiresAt = options.ExpiresAt, Remarks = body.Remarks, CreatedAt = now,
            Items = items.Select((item, position) => new ShareItem { ItemId = item.Id, Position = position }).ToList(),
        };
        db.Shares.Add(share);
        await db.SaveChangesAsync(ct);
        await mediator.Publish(new LinkCreated(share.Id, teamId, userId, share.Items.Select(i => i.ItemId).ToList(), now), ct);

        var url = urls.For(http.Request, token);
        return TypedResults.Created($"/api/shares/{share.Id}", ShareMapping.ToResponse(share, url, now));
    }
}
