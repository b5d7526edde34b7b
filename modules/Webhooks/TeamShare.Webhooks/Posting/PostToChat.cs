using TeamShare.SharedKernel.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using System.Security.Claims;
using System.Text.Json;
using Mediator;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
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
internal sealed record DeliveryDto(Guid Id, string Status, int Attempts, string? LastError, DateTime CreatedAt, DateTime? SentAt)
{
    public static DeliveryDto Of(WebhookDelivery d) => new(d.Id, Outbox.StatusOf(d), d.Attempts, d.LastError, d.CreatedAt, d.SentAt);
}

/// <summary>
/// CH-2: a member shares an item with the team's chat channel. The notice names the item, the sharer and a link into the
/// app (only people with access can open it). It is queued in this module's outbox and posted by the delivery job.
/// </summary>
internal sealed record PostToChat(Guid UserId, Guid TeamId, string? SharerName, string? SharerEmail, string BaseUrl, Guid? ItemId, string? Message)
    : IRequest<Outcome<DeliveryDto>>;

internal sealed class PostToChatValidator : IValidator<PostToChatRequest>
{
    public IReadOnlyDictionary<string, string[]> Validate(PostToChatRequest body)
    {
        var errors = new Dictionary<string, string[]>();
        if (body.ItemId is null) errors["itemId"] = ["Choose the item to post."];
        if (body.Message is { Length: > 1000 }) errors["message"] = ["Use at most 1000 characters."];
        return errors;
    }
}

internal sealed class PostToChatHandler(IMediator mediator, WebhooksDbContext db, TimeProvider clock, StagedNotifications staged,
    Microsoft.Extensions.Localization.IStringLocalizer<SharedKernel.Localization.Ui> t)
    : IRequestHandler<PostToChat, Outcome<DeliveryDto>>
{
    public async ValueTask<Outcome<DeliveryDto>> Handle(PostToChat r, CancellationToken ct)
    {
        if (new PostToChatValidator().Validate(new PostToChatRequest(r.ItemId, r.Message)) is { Count: > 0 } errors) return Outcome<DeliveryDto>.Invalid(errors);
        var (userId, teamId, itemId) = (r.UserId, r.TeamId, r.ItemId!.Value);
        var access = await mediator.Send(new GetItemAccess(userId, teamId, itemId), ct);
        if (access is not { Role: > AccessRole.None, Item.InTrash: false }) return Outcome<DeliveryDto>.Invalid("itemId", "This item does not exist or you cannot see it.");
        if (access.Role < AccessRole.Editor) return Outcome<DeliveryDto>.Forbidden("Viewers cannot share.", "role_too_low");
        if (await mediator.Send(new CheckChannel(teamId, WebhookChannel.Name), ct) is { Allowed: false } decision)
            return Outcome<DeliveryDto>.Fail(Refused.Forbidden, "Not allowed by your team's policy", "Your team's admins have switched this channel off.", decision.Reason!);
        var url = await db.Settings.AsNoTracking().Where(s => s.TeamId == teamId).Select(s => s.Url).FirstOrDefaultAsync(ct);
        if (url is null) return Outcome<DeliveryDto>.Fail(Refused.Conflict, "Channel not set up", "Ask an admin to set the team's chat webhook first.", "webhook_not_configured");

        var now = clock.GetUtcNow().UtcDateTime;
        var payload = new
        {
            @event = "item_shared",
            text = t["{0} shared “{1}”", r.SharerName, access.Item.Name] + (r.Message is { Length: > 0 } m ? $": {m}" : ""),
            item = new { id = itemId, name = access.Item.Name, kind = access.Item.Kind, url = $"{r.BaseUrl}/items/{itemId}" },
            sharer = new { name = r.SharerName, email = r.SharerEmail },
            message = r.Message,
            sharedAt = now,
        };
        var delivery = new WebhookDelivery
        {
            Id = Guid.CreateVersion7(), TeamId = teamId, SharerId = userId, CreatedAt = now, NextAttemptAt = now,
            PayloadJson = JsonSerializer.Serialize(payload, JsonSerializerOptions.Web),
        };
        db.Deliveries.Add(delivery);
        var posted = new SharingActivityOccurred(teamId, userId, "posted_to_chat", itemId, null, access.Item.Name, now);
        staged.Stage(db, posted, posted.EventId, now);
        await db.SaveChangesAsync(ct);
        return Outcome<DeliveryDto>.Success(DeliveryDto.Of(delivery));
    }
}

internal static class PostToChatEndpoint
{
    public static async Task<Results<Accepted<DeliveryDto>, Refusal>> Post(PostToChatRequest body, ClaimsPrincipal user, HttpRequest request,
        IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new PostToChat(user.GetUserId(), user.GetTeamId(), user.Identity?.Name, user.FindFirstValue(TeamShareClaims.Email),
            PublicAddress.ForMessages(request.HttpContext), body.ItemId, body.Message), ct))
        .ToHttp(d => TypedResults.Accepted($"/api/webhook-shares/{d.Id}", d));

    /// <summary>GET /api/webhook-shares/{id}: the sender sees whether the notice went out.</summary>
    public static async Task<Results<Ok<DeliveryDto>, Refusal>> Get(Guid id, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new GetChatDelivery(user.GetUserId(), id), ct)).ToHttp(TypedResults.Ok);
}

/// <summary>A chat notice the caller sent, and whether it went out; nobody else's.</summary>
internal sealed record GetChatDelivery(Guid UserId, Guid Id) : IRequest<Outcome<DeliveryDto>>;

internal sealed class GetChatDeliveryHandler(WebhooksDbContext db) : IRequestHandler<GetChatDelivery, Outcome<DeliveryDto>>
{
    public async ValueTask<Outcome<DeliveryDto>> Handle(GetChatDelivery r, CancellationToken ct) =>
        await db.Deliveries.AsNoTracking().FirstOrDefaultAsync(d => d.Id == r.Id && d.SharerId == r.UserId, ct) is { } delivery
            ? Outcome<DeliveryDto>.Success(DeliveryDto.Of(delivery)) : Outcome<DeliveryDto>.NotFound();
}
