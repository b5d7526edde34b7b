using System.Security.Claims;
using System.Text.Json;
using Mediator;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TeamShare.Policy.Contracts;
using TeamShare.SharedKernel.Data;
using TeamShare.SharedKernel.Http;
using TeamShare.SharedKernel.Modules;
using TeamShare.SharedKernel.Security;
using TeamShare.Spaces.Contracts;
using TeamShare.Webhooks.Contracts;
using TeamShare.Webhooks.Data;

namespace TeamShare.Webhooks.Posting;

internal sealed record PostToChatRequest(Guid? ItemId, string? Message);
internal sealed record DeliveryDto(Guid Id, string Status, int Attempts, string? LastError, DateTime CreatedAt, DateTime? SentAt);

/// <summary>
/// CH-2: a member shares an item with the team's chat channel. The notice names the item, the sharer and a link into the
/// app (only people with access can open it). It is queued in this module's outbox and posted by the delivery job.
/// </summary>
internal static class PostToChatEndpoint
{
    public static async Task<IResult> Post(PostToChatRequest body, ClaimsPrincipal user, HttpRequest request, IMediator mediator,
        WebhooksDbContext db, TimeProvider clock, ILogger<WebhooksDbContext> log, CancellationToken ct)
    {
        if (body.ItemId is not { } itemId) return Problems.Field("itemId", "Choose the item to post.");
        if (body.Message is { Length: > 1000 }) return Problems.Field("message", "Use at most 1000 characters.");
        var (userId, teamId) = (user.GetUserId(), user.GetTeamId());
        var access = await mediator.Send(new GetItemAccess(userId, teamId, itemId), ct);
        if (access is not { Role: > AccessRole.None, Item.InTrash: false }) return Problems.Field("itemId", "This item does not exist or you cannot see it.");
        if (access.Role < AccessRole.Editor) return Problems.Status(403, "Not allowed", "Viewers cannot share.", "role_too_low");
        if (await mediator.Send(new CheckChannel(teamId, WebhookChannel.Name), ct) is { Allowed: false } decision)
            return Problems.Status(403, "Not allowed by your team's policy", "Your team's admins have switched this channel off.", decision.Reason);
        var url = await db.Settings.AsNoTracking().Where(s => s.TeamId == teamId).Select(s => s.Url).FirstOrDefaultAsync(ct);
        if (url is null) return Problems.Status(409, "Channel not set up", "Ask an admin to set the team's chat webhook first.", "webhook_not_configured");

        var baseUrl = PublicAddress.ForMessages(request.HttpContext);
        var now = clock.GetUtcNow().UtcDateTime;
        var payload = new
        {
            @event = "item_shared",
            text = $"{user.Identity?.Name} shared \"{access.Item.Name}\"" + (body.Message is { Length: > 0 } m ? $": {m}" : ""),
            item = new { id = itemId, name = access.Item.Name, kind = access.Item.Kind, url = $"{baseUrl}/items/{itemId}" },
            sharer = new { name = user.Identity?.Name, email = user.FindFirstValue(TeamShareClaims.Email) },
            message = body.Message,
            sharedAt = now,
        };
        var delivery = new WebhookDelivery
        {
            Id = Guid.CreateVersion7(), TeamId = teamId, SharerId = userId, CreatedAt = now, NextAttemptAt = now,
            PayloadJson = JsonSerializer.Serialize(payload, JsonSerializerOptions.Web),
        };
        db.Deliveries.Add(delivery);
        var posted = new SharingActivityOccurred(teamId, userId, "posted_to_chat", itemId, null, access.Item.Name, now);
        db.Stage(posted, posted.EventId, now);
        await db.SaveChangesAsync(ct);
        await db.PublishStagedAsync(mediator, log, posted, posted.EventId, ct);
        return TypedResults.Accepted($"/api/webhook-shares/{delivery.Id}", ToDto(delivery));
    }

    /// <summary>GET /api/webhook-shares/{id}: the sender sees whether the notice went out.</summary>
    public static async Task<IResult> Get(Guid id, ClaimsPrincipal user, WebhooksDbContext db, CancellationToken ct)
    {
        var userId = user.GetUserId();
        var delivery = await db.Deliveries.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id && d.SharerId == userId, ct);
        return delivery is null ? Problems.NotFound() : TypedResults.Ok(ToDto(delivery));
    }

    private static DeliveryDto ToDto(WebhookDelivery d) => new(d.Id, Outbox.StatusOf(d), d.Attempts, d.LastError, d.CreatedAt, d.SentAt);
}
