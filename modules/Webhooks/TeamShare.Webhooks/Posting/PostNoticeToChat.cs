using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Mediator;
using Microsoft.EntityFrameworkCore;
using TeamShare.Policy.Contracts;
using TeamShare.Webhooks.Contracts;
using TeamShare.Webhooks.Data;

namespace TeamShare.Webhooks.Posting;

/// <summary>
/// A link notice (issue 11) into the team's chat, through the same outbox and delivery job as a shared item (CH-2). The
/// delivery's id is made from the dedup key, so a sweep that runs again after a crash finds the row and queues nothing twice.
/// </summary>
internal sealed class PostNoticeToChatHandler(WebhooksDbContext db, IMediator mediator, TimeProvider clock) : IRequestHandler<PostNoticeToChat, bool>
{
    public async ValueTask<bool> Handle(PostNoticeToChat r, CancellationToken ct)
    {
        if (!await db.Settings.AnyAsync(s => s.TeamId == r.TeamId && s.Url != null, ct)) return false;
        if (await mediator.Send(new CheckChannel(r.TeamId, WebhookChannel.Name), ct) is { Allowed: false }) return false;
        var id = new Guid(SHA256.HashData(Encoding.UTF8.GetBytes("chat-notice:" + r.DedupKey)).AsSpan(0, 16));
        if (await db.Deliveries.AnyAsync(d => d.Id == id, ct)) return false;
        var now = clock.GetUtcNow().UtcDateTime;
        db.Deliveries.Add(new WebhookDelivery
        {
            Id = id, TeamId = r.TeamId, SharerId = r.SharerId, CreatedAt = now, NextAttemptAt = now,
            PayloadJson = JsonSerializer.Serialize(new { @event = "link_activity", text = r.Text, url = r.Url, at = now }, JsonSerializerOptions.Web),
        });
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException) { return false; } // the same notice queued at the same moment by another run
        return true;
    }
}
