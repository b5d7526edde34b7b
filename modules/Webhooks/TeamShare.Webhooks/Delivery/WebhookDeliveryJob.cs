using TeamShare.SharedKernel.Modules;
using Microsoft.Extensions.Options;
using System.Net;
using System.Text;
using Mediator;
using Microsoft.EntityFrameworkCore;
using TeamShare.Policy.Contracts;
using TeamShare.SharedKernel.Data;
using TeamShare.SharedKernel.Http;
using TeamShare.SharedKernel.Jobs;
using TeamShare.Webhooks.Contracts;
using TeamShare.Webhooks.Data;

namespace TeamShare.Webhooks.Delivery;

/// <summary>
/// Posts queued notices. 2xx: sent. 408, 429, 5xx and connection failures: retried with backoff. Other 4xx: failed for good
/// and shown to the sender. A channel switched off (AD-10) before sending cancels the notice: it is never sent.
/// </summary>
internal sealed class WebhookDeliveryJob(WebhooksDbContext db, IHttpClientFactory http, IMediator mediator, IOptions<TeamShareOptions> options,
    TimeProvider clock) : IRecurringJob
{
    public const string HttpClientName = "webhooks";

    public async Task RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var batch = await Outbox.ClaimDueAsync(db.Deliveries, now, 50, options.Value.OutboxLease, ct);
        var client = http.CreateClient(HttpClientName);
        // Each team's webhook and channel switch, asked once per team in the batch.
        var teams = batch.Select(d => d.TeamId).Distinct().ToList();
        var urls = await db.Settings.AsNoTracking().Where(s => teams.Contains(s.TeamId)).ToDictionaryAsync(s => s.TeamId, s => s.Url, ct);
        var decisions = new Dictionary<Guid, PolicyDecision>();
        foreach (var team in teams) decisions[team] = await mediator.Send(new CheckChannel(team, WebhookChannel.Name), ct);
        foreach (var delivery in batch)
        {
            var url = urls.GetValueOrDefault(delivery.TeamId);
            if (decisions[delivery.TeamId] is { Allowed: false } decision)
                Outbox.Fail(delivery, now, $"Not sent: {decision.Reason}.");
            else if (url is null)
                Outbox.Fail(delivery, now, "Not sent: the team has no chat webhook any more.");
            else
                await SendAsync(client, url, delivery, now, ct);
            await db.SaveChangesAsync(ct);
        }
    }

    private static async Task SendAsync(HttpClient client, string url, WebhookDelivery delivery, DateTime now, CancellationToken ct)
    {
        try
        {
            using var response = await client.PostAsync(url, new StringContent(delivery.PayloadJson, Encoding.UTF8, "application/json"), ct);
            var code = (int)response.StatusCode;
            if (response.IsSuccessStatusCode) Outbox.Sent(delivery, now);
            else if (code >= 500 || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests)
                Outbox.Retry(delivery, now, $"The chat server answered {code}.");
            else Outbox.Fail(delivery, now, $"The chat server refused the notice ({code}).");
        }
        catch (HttpRequestException e) when (e.InnerException is OutboundRefusedException || e is OutboundRefusedException)
        {
            Outbox.Fail(delivery, now, "Not sent: the webhook address is not a public address; the server operator may allow it.");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            // What answered (or the socket error) is not shown to the team: it would map the server's network for them.
            Outbox.Retry(delivery, now, e is TaskCanceledException ? "The chat server did not answer in time." : "Could not connect to the chat server.");
        }
    }
}
