using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TeamShare.Links.Contracts;
using TeamShare.Links.Tracking;
using TeamShare.SharedKernel.Publishing;

namespace TeamShare.IntegrationTests;

/// <summary>Issue 11: a link's timeline for its sharer: every use once, nobody else can read it, old rows go after the retention.</summary>
public sealed class LinkTrackingTests(TeamShareFactory factory) : IClassFixture<TeamShareFactory>
{
    private readonly TestClock _clock = factory.Clock.Restart();

    private const string Firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0";

    /// <summary>mia's folder with one file, shared by a link that allows uploads.</summary>
    private async Task<(HttpClient Mia, string Share, string Token, string File)> LinkAsync()
    {
        var mia = await factory.ClientForAsync("mia@acme.test");
        var space = (await mia.PersonalSpace()).Id();
        var folder = (await (await mia.PostAsJsonAsync($"/api/spaces/{space}/folders", new { name = $"Tracked {Guid.NewGuid():N}" })).Json()).Id();
        var file = (await mia.UploadOk(space, "report.txt", "the report"u8.ToArray())).Id();
        Assert.Equal(HttpStatusCode.OK, (await mia.PatchAsJsonAsync($"/api/items/{file}", new { parentId = folder })).StatusCode);
        var share = await mia.ShareOk(new { itemIds = new[] { folder }, allowUpload = true });
        return (mia, share.Id(), Api.TokenOf(share.GetProperty("url").GetString()!), file);
    }

    private HttpClient Visitor(string address = "203.0.113.77")
    {
        var visitor = factory.Anonymous();
        visitor.DefaultRequestHeaders.Add("User-Agent", Firefox);
        visitor.DefaultRequestHeaders.Add("X-Test-Client-Address", address);
        visitor.DefaultRequestHeaders.Add("Accept", "application/json");
        return visitor;
    }

    private async Task<JsonElement> TimelineAsync(HttpClient client, string share)
    {
        await factory.Services.GetRequiredService<BestEffort<LinkUsed>>().FlushAsync(CancellationToken.None);
        var response = await client.GetAsync($"/api/shares/{share}/events");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Json();
    }

    [Fact]
    public async Task Issue11_each_use_of_a_link_lands_in_its_timeline_once_with_the_browser_and_network_never_the_address()
    {
        var (mia, share, token, file) = await LinkAsync();
        var visitor = Visitor();
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync($"/s/{token}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync($"/s/{token}/items/{file}/preview")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync($"/s/{token}/items/{file}/download")).StatusCode);
        using var form = new MultipartFormDataContent { { new ByteArrayContent("from outside"u8.ToArray()), "file", "answer.txt" } };
        Assert.Equal(HttpStatusCode.Created, (await visitor.PostAsync($"/s/{token}/upload", form)).StatusCode);

        var timeline = await TimelineAsync(mia, share);
        var events = timeline.GetProperty("events").EnumerateArray().ToList();
        Assert.Equal(["uploaded", "downloaded", "previewed", "opened"], events.Select(e => e.GetProperty("kind").GetString()));
        Assert.All(events, e => Assert.Equal("Firefox", e.GetProperty("client").GetString()));
        Assert.All(events, e => Assert.Equal("203.0.113.0/24", e.GetProperty("network").GetString()));
        Assert.DoesNotContain("203.0.113.77", timeline.GetRawText());
        Assert.True(events.Single(e => e.GetProperty("kind").GetString() == "opened").GetProperty("first").GetBoolean());
        Assert.Equal("report.txt", events.Single(e => e.GetProperty("kind").GetString() == "downloaded").GetProperty("itemName").GetString());
        var report = timeline.GetProperty("totals").EnumerateArray().Single(t => t.GetProperty("name").GetString() == "report.txt");
        Assert.Equal((1, 1), (report.GetProperty("previews").GetInt32(), report.GetProperty("downloads").GetInt32()));
        Assert.Equal(1, timeline.GetProperty("opens").GetInt32());

        Assert.Equal(HttpStatusCode.OK, (await Visitor("198.51.100.9").GetAsync($"/s/{token}")).StatusCode);
        var again = await TimelineAsync(mia, share);
        Assert.Equal(2, again.GetProperty("opens").GetInt32());
        Assert.Equal(1, again.GetProperty("events").EnumerateArray().Count(e => e.GetProperty("first").GetBoolean()));
    }

    [Fact]
    public async Task Issue11_only_the_sharer_and_the_teams_admins_read_a_timeline()
    {
        var (mia, share, token, _) = await LinkAsync();
        Assert.Equal(HttpStatusCode.OK, (await Visitor().GetAsync($"/s/{token}")).StatusCode);

        Assert.Equal(1, (await TimelineAsync(mia, share)).GetProperty("opens").GetInt32());
        Assert.Equal(1, (await TimelineAsync(await factory.ClientForAsync("adam@acme.test"), share)).GetProperty("opens").GetInt32());
        foreach (var other in new[] { "mark@acme.test", "gary@globex.test" })
        {
            var response = await (await factory.ClientForAsync(other)).GetAsync($"/api/shares/{share}/events");
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
    }

    [Fact]
    public async Task Issue11_the_timeline_pages_newest_first()
    {
        var (mia, share, token, _) = await LinkAsync();
        for (var i = 0; i < 5; i++) Assert.Equal(HttpStatusCode.OK, (await Visitor().GetAsync($"/s/{token}")).StatusCode);
        await factory.Services.GetRequiredService<BestEffort<LinkUsed>>().FlushAsync(CancellationToken.None);

        var first = await (await mia.GetAsync($"/api/shares/{share}/events?limit=3")).Json();
        var before = first.GetProperty("nextBefore").GetInt64();
        var second = await (await mia.GetAsync($"/api/shares/{share}/events?limit=3&before={before}")).Json();
        var ids = first.GetProperty("events").EnumerateArray().Concat(second.GetProperty("events").EnumerateArray()).Select(e => e.GetProperty("id").GetInt64()).ToList();
        Assert.Equal(5, ids.Count);
        Assert.Equal(ids.OrderByDescending(i => i), ids);
        Assert.Equal(JsonValueKind.Null, second.GetProperty("nextBefore").ValueKind);
    }

    [Fact]
    public async Task Issue11_the_retention_sweep_removes_only_rows_older_than_90_days()
    {
        var (mia, share, token, _) = await LinkAsync();
        Assert.Equal(HttpStatusCode.OK, (await Visitor().GetAsync($"/s/{token}")).StatusCode);
        await factory.Services.GetRequiredService<BestEffort<LinkUsed>>().FlushAsync(CancellationToken.None);
        _clock.Advance(TimeSpan.FromDays(89));
        Assert.Equal(HttpStatusCode.OK, (await Visitor().GetAsync($"/s/{token}")).StatusCode);
        _clock.Advance(TimeSpan.FromDays(2));

        for (var run = 0; run < 2; run++)
        {
            using var scope = factory.Services.CreateScope();
            await scope.ServiceProvider.GetRequiredService<LinkEventRetentionSweep>().RunAsync(CancellationToken.None);
        }

        var events = (await TimelineAsync(mia, share)).GetProperty("events").EnumerateArray().ToList();
        var kept = Assert.Single(events);
        Assert.Equal(_clock.GetUtcNow().UtcDateTime.AddDays(-2), kept.GetProperty("at").GetDateTime(), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Issue11_a_members_default_decides_whether_a_new_link_mails_them_and_each_link_can_differ()
    {
        var mark = await factory.ClientForAsync("mark@acme.test");
        var file = (await mark.UploadOk((await mark.PersonalSpace()).Id(), "default.txt", "d"u8.ToArray())).Id();
        Assert.True((await (await mark.GetAsync("/api/shares/notice-default")).Json()).GetProperty("notify").GetBoolean());
        Assert.True((await mark.ShareOk(new { itemIds = new[] { file } })).GetProperty("notify").GetBoolean());

        Assert.Equal(HttpStatusCode.OK, (await mark.PutAsJsonAsync("/api/shares/notice-default", new { notify = false })).StatusCode);
        var quiet = await mark.ShareOk(new { itemIds = new[] { file } });
        Assert.False(quiet.GetProperty("notify").GetBoolean());
        Assert.True((await mark.ShareOk(new { itemIds = new[] { file }, notify = true })).GetProperty("notify").GetBoolean());
        var turnedOn = await (await mark.PatchAsJsonAsync($"/api/shares/{quiet.Id()}", new { notify = true })).Json();
        Assert.True(turnedOn.GetProperty("notify").GetBoolean());

        var missing = await mark.PutAsJsonAsync("/api/shares/notice-default", new { });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.True((await missing.Json()).GetProperty("errors").TryGetProperty("notify", out _));
        await mark.PutAsJsonAsync("/api/shares/notice-default", new { notify = true });
    }

    [Theory]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0", "Edge")]
    [InlineData("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15", "Safari")]
    [InlineData("curl/8.5.0", "curl")]
    [InlineData("", "unknown")]
    public void Issue11_a_visitor_is_named_by_browser_family(string userAgent, string family) =>
        Assert.Equal(family, Visitors.ClientOf(userAgent));

    [Theory]
    [InlineData("2001:db8:1234:5678::1", "2001:db8:1234::/48")]
    [InlineData("::ffff:192.0.2.44", "192.0.2.0/24")]
    public void Issue11_a_visitor_is_placed_by_network_never_by_address(string address, string network) =>
        Assert.Equal(network, Visitors.NetworkOf(System.Net.IPAddress.Parse(address)));
}
