using System.Net;
using Microsoft.Extensions.DependencyInjection;
using TeamShare.Links.Contracts;
using TeamShare.SharedKernel.Publishing;

namespace TeamShare.IntegrationTests;

/// <summary>Issue 23: Prometheus metrics for the operator's machines only, with requests, the runtime and TeamShare's own counters.</summary>
public sealed class MetricsTests(TeamShareFactory factory) : IClassFixture<TeamShareFactory>
{
    private async Task<HttpResponseMessage> ScrapeAsync(string address)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Add("X-Test-Client-Address", address);
        return await factory.Client(cookies: false).SendAsync(request);
    }

    [Fact]
    public async Task Issue23_metrics_count_link_uses_and_stored_contents_and_are_only_for_allowed_networks()
    {
        var mia = await factory.ClientForAsync("mia@acme.test");
        var item = (await mia.UploadOk((await mia.PersonalSpace()).Id(), $"m-{Guid.NewGuid():N}.txt", "measured"u8.ToArray())).Id();
        var token = Api.TokenOf((await mia.ShareOk(new { itemIds = new[] { item } })).GetProperty("url").GetString()!);
        Assert.Equal(HttpStatusCode.OK, (await factory.Anonymous().GetAsync($"/s/{token}/items/{item}/download")).StatusCode);
        await factory.Services.GetRequiredService<BestEffort<LinkUsed>>().FlushAsync(CancellationToken.None);

        var scraped = await ScrapeAsync("127.0.0.1");
        Assert.Equal(HttpStatusCode.OK, scraped.StatusCode);
        var text = await scraped.Content.ReadAsStringAsync();
        // Every host in this process shares the meter, so other tests' uses may be counted too: at least this one is.
        Assert.Contains(text.Split('\n'), line => line.StartsWith("teamshare_link_uses_total{") && line.Contains("kind=\"downloaded\"}"));
        Assert.Contains("teamshare_blobs_written_total", text);
        Assert.Contains("http_server_request_duration_seconds", text);

        // The gauges, sampled from the tables every 15 s from the start: the mail outbox, each module's unpublished
        // notifications, the job queue, the store's size and the free space for uploads.
        foreach (var gauge in new[] { "teamshare_mail_waiting", "teamshare_mail_delayed", "teamshare_notifications_pending{",
                     "teamshare_jobs_enqueued", "teamshare_blobs_stored_bytes", "teamshare_uploads_free_bytes" })
        {
            for (var tries = 0; !text.Contains(gauge) && tries < 50; tries++)
            {
                await Task.Delay(100);
                text = await (await ScrapeAsync("127.0.0.1")).Content.ReadAsStringAsync();
            }
            Assert.Contains(gauge, text);
        }
        Assert.Contains(text.Split('\n'), line => line.StartsWith("teamshare_notifications_pending{") && line.Contains("module=\"links\""));

        var elsewhere = await ScrapeAsync("203.0.113.9");
        Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode);
        Assert.DoesNotContain("teamshare_", await elsewhere.Content.ReadAsStringAsync());
    }
}
