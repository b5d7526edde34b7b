using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TeamShare.SharedKernel.Caching;
using TeamShare.Spaces.Contracts;

namespace TeamShare.IntegrationTests;

/// <summary>
/// Issue 24: what a link open reads is kept per instance and dropped by the change feed on every change that could alter
/// it. A warm open runs no query; each kind of change is seen by the next open, on the instance that made it at once and
/// on another instance (PostgreSQL, its LISTEN/NOTIFY) within the feed's delivery; an instance whose listener lost its
/// connection goes to the database until it listens again. The link page a visitor not signed in gets from an earlier
/// open's rendering (issue 24.3) is never served after any of these changes either.
/// </summary>
public sealed class LinkCacheTests
{
    private sealed record Change(string Name, Func<Task<string>> Link, Func<string, Task> Make, Func<HttpResponseMessage, Task> Seen);

    [Fact]
    public async Task LK7_a_warm_link_open_runs_no_query_and_every_change_that_could_alter_it_is_seen_by_the_next_open()
    {
        using var host = new TeamShareFactory();
        host.Server.PreserveExecutionContext = true;
        foreach (var change in await ChangesAsync(host, host))
        {
            var token = await change.Link();
            await ChangeFeedWaits.HeardSoFarAsync(host);
            var visitor = Visitor(host);
            Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync($"/s/{token}")).StatusCode);
            var warm = await QueryCounter.CaptureAsync(async () => Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync($"/s/{token}")).StatusCode));
            Assert.Empty(warm);
            // Issue 24.3: the next open is the page an earlier open rendered, which the change below must not be served from.
            Assert.NotNull((await visitor.GetAsync($"/s/{token}")).Headers.Age);

            await change.Make(token);
            HttpResponseMessage? after = null;
            var read = await QueryCounter.CaptureAsync(async () => after = await visitor.GetAsync($"/s/{token}"));
            await change.Seen(after!);
            // Expiry needs no word from anyone: the kept link's end is compared with the clock at each open.
            if (change.Name != "expire") Assert.True(read.Count > 0, $"{change.Name}: the open after the change went to the database");
            // Nor later, once the link is read and kept again: the page rendered before the change is never served.
            for (var open = 0; open < 2; open++) await change.Seen(await visitor.GetAsync($"/s/{token}"));
        }
    }

    /// <summary>
    /// Issue 24 (B2): a counted preview or download reads nothing but its count once the item's preview or content is kept;
    /// a new version, a rename to Markdown, and trash are each seen by the next preview (the kept preview is dropped with the
    /// team's other caches).
    /// </summary>
    [Fact]
    public async Task LK2_a_warm_preview_or_download_reads_only_its_count_and_the_next_one_after_a_change_shows_it()
    {
        using var host = new TeamShareFactory();
        host.Server.PreserveExecutionContext = true;
        var mia = await host.ClientForAsync("mia@acme.test");
        var item = (await mia.UploadOk((await mia.PersonalSpace()).Id(), $"kept-{Guid.NewGuid():N}.txt", "first words"u8.ToArray())).Id();
        var token = Api.TokenOf((await mia.ShareOk(new { itemIds = new[] { item } })).GetProperty("url").GetString()!);
        await ChangeFeedWaits.HeardSoFarAsync(host);
        var visitor = host.Anonymous();
        var preview = $"/s/{token}/items/{item}/preview";
        Assert.Equal("first words", await visitor.GetStringAsync(preview));

        var warm = await QueryCounter.CaptureAsync(async () => Assert.Equal("first words", await visitor.GetStringAsync(preview)));
        Assert.Equal("UPDATE", Assert.Single(warm).TrimStart()[..6]);
        // A counted download the same: its content is kept as the preview is.
        var download = $"/s/{token}/items/{item}/download";
        Assert.Equal("first words", await visitor.GetStringAsync(download));
        warm = await QueryCounter.CaptureAsync(async () => Assert.Equal("first words", await visitor.GetStringAsync(download)));
        Assert.Equal("UPDATE", Assert.Single(warm).TrimStart()[..6]);

        Assert.Equal(HttpStatusCode.OK, (await mia.PutAsync($"/api/items/{item}/content", new StringContent("second words"))).StatusCode);
        Assert.Equal("second words", await visitor.GetStringAsync(preview));
        Assert.Equal("second words", await visitor.GetStringAsync(download));
        // Renamed to Markdown, it shows rendered.
        Assert.Equal(HttpStatusCode.OK, (await mia.PatchAsJsonAsync($"/api/items/{item}", new { name = $"kept-{Guid.NewGuid():N}.md" })).StatusCode);
        Assert.Equal("text/html", (await visitor.GetAsync(preview)).Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NoContent, (await mia.DeleteAsync($"/api/items/{item}")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await visitor.GetAsync(preview)).StatusCode);
    }

    [Fact]
    public async Task LK3_LK7_a_qr_code_open_is_kept_like_a_links_and_still_ends_when_the_code_expires()
    {
        using var host = new TeamShareFactory();
        host.Server.PreserveExecutionContext = true;
        var mia = await host.ClientForAsync("mia@acme.test");
        var (share, _) = await ShareNewFileAsync(mia, new { remarks = "on a poster" });
        var code = new Uri((await (await mia.PostAsync($"/api/shares/{share}/qr", null)).Json()).GetProperty("url").GetString()!).PathAndQuery;
        await ChangeFeedWaits.HeardSoFarAsync(host);
        var visitor = Visitor(host);
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync(code)).StatusCode);
        Assert.Empty(await QueryCounter.CaptureAsync(async () => Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync(code)).StatusCode)));
        var cached = await visitor.GetAsync(code);
        Assert.NotNull(cached.Headers.Age);
        Assert.Equal("on a poster", (await cached.Json()).GetProperty("remarks").GetString());

        // The code's own end is kept with it and compared with the clock at each open, as a link's is.
        host.Clock.Advance(TimeSpan.FromDays(7));
        await Refused(await visitor.GetAsync(code), HttpStatusCode.Gone, "qr_expired");
    }

    [Fact]
    public async Task LK7_a_change_made_on_one_instance_is_seen_by_the_next_open_on_another()
    {
        if (!TestDatabase.OnPostgres) return; // one instance per SQLite file: the feed is in process (the test above)
        var directory = Path.Combine(Path.GetTempPath(), "teamshare-tests", Guid.NewGuid().ToString("N"));
        using var a = new TeamShareFactory { DataDirectory = directory };
        using var b = new TeamShareFactory { DataDirectory = directory, DeleteDataOnDispose = false };
        _ = a.Server;
        b.Server.PreserveExecutionContext = true;
        await TrustedAsync(b);
        foreach (var change in await ChangesAsync(a, b))
        {
            var token = await change.Link();
            // A's writes reach B a moment after their commit; one heard after B's first open drops what that open kept.
            await ChangeFeedWaits.HeardSoFarAsync(b);
            var visitor = Visitor(b);
            Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync($"/s/{token}")).StatusCode);
            Assert.Empty(await QueryCounter.CaptureAsync(async () => Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync($"/s/{token}")).StatusCode)));
            Assert.NotNull((await visitor.GetAsync($"/s/{token}")).Headers.Age);

            await change.Make(token);
            var clock = Stopwatch.StartNew();
            // Delivered at commit, then heard: the other instance may answer from its cache for that long (S2 in the benchmark
            // measures it), and not past the bound, where the last try's assertion stands.
            while (true)
            {
                var response = await visitor.GetAsync($"/s/{token}");
                try
                {
                    await change.Seen(response);
                    break;
                }
                catch (Xunit.Sdk.XunitException) when (clock.Elapsed < TimeSpan.FromSeconds(5)) { }
            }
        }
    }

    [Fact]
    public async Task LK7_an_instance_whose_listener_lost_its_connection_reads_the_database_until_it_listens_again()
    {
        if (!TestDatabase.OnPostgres) return; // the embedded default has no connection to lose
        var directory = Path.Combine(Path.GetTempPath(), "teamshare-tests", Guid.NewGuid().ToString("N"));
        using var a = new TeamShareFactory { DataDirectory = directory };
        using var b = new TeamShareFactory { DataDirectory = directory, DeleteDataOnDispose = false };
        _ = a.Server;
        b.Server.PreserveExecutionContext = true;
        var feed = await TrustedAsync(b);
        var mia = await a.ClientForAsync("mia@acme.test");
        var (share, token) = await ShareNewFileAsync(mia, new { remarks = "first" });
        await ChangeFeedWaits.HeardSoFarAsync(b);
        var visitor = Visitor(b);
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync($"/s/{token}")).StatusCode);
        Assert.Empty(await QueryCounter.CaptureAsync(async () => Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync($"/s/{token}")).StatusCode)));

        await using (var admin = new NpgsqlConnection(TestDatabase.PostgresFor(directory)))
        {
            await admin.OpenAsync();
            await using var kill = new NpgsqlCommand(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = @name AND datname = current_database()", admin);
            kill.Parameters.AddWithValue("name", ChangeFeed.ListenerName);
            Assert.True((long)(await kill.ExecuteScalarAsync())! >= 1);
        }
        // The instance notices the dropped connection by itself (an error on its socket); it retries no sooner than 100 ms.
        await ChangeFeedWaits.UntilAsync(() => !feed.Trusted, "the instance noticed its listener's connection was gone");
        // Not listening: a change may go unheard, so the cache is not used.
        Assert.Equal(HttpStatusCode.NoContent, (await mia.DeleteAsync($"/api/shares/{share}")).StatusCode);
        var refused = await QueryCounter.CaptureAsync(async () => Assert.Equal(HttpStatusCode.Gone, (await visitor.GetAsync($"/s/{token}")).StatusCode));
        Assert.NotEmpty(refused);

        // Listening again, caching again, and hearing again.
        await TrustedAsync(b);
        var (again, second) = await ShareNewFileAsync(mia, new { remarks = "first" });
        await ChangeFeedWaits.HeardSoFarAsync(b);
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync($"/s/{second}")).StatusCode);
        Assert.Empty(await QueryCounter.CaptureAsync(async () => Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync($"/s/{second}")).StatusCode)));
        Assert.Equal(HttpStatusCode.NoContent, (await mia.DeleteAsync($"/api/shares/{again}")).StatusCode);
        var clock = Stopwatch.StartNew();
        var status = HttpStatusCode.OK;
        while (status == HttpStatusCode.OK && clock.Elapsed < TimeSpan.FromSeconds(5)) status = (await visitor.GetAsync($"/s/{second}")).StatusCode;
        Assert.Equal(HttpStatusCode.Gone, status);
    }

    private static async Task<ChangeFeed> TrustedAsync(TeamShareFactory host)
    {
        var feed = host.Services.GetRequiredService<ChangeFeed>();
        await ChangeFeedWaits.UntilAsync(() => feed.Trusted, "the listener connected");
        return feed;
    }

    private static HttpClient Visitor(TeamShareFactory host)
    {
        var visitor = host.Anonymous();
        visitor.DefaultRequestHeaders.Add("Accept", "application/json");
        return visitor;
    }

    private static async Task<(string Share, string Token)> ShareNewFileAsync(HttpClient sharer, object link, string? space = null)
    {
        var item = (await sharer.UploadOk(space ?? (await sharer.PersonalSpace()).Id(), $"cached-{Guid.NewGuid():N}.txt", "cached"u8.ToArray())).Id();
        return await ShareAsync(sharer, item, link);
    }

    private static async Task<(string Share, string Token)> ShareAsync(HttpClient sharer, string item, object link)
    {
        var body = JsonSerializer.SerializeToElement(link);
        var fields = body.EnumerateObject().ToDictionary(p => p.Name, p => (object)p.Value);
        fields["itemIds"] = new[] { item };
        var share = await sharer.ShareOk(fields);
        return (share.Id(), Api.TokenOf(share.GetProperty("url").GetString()!));
    }

    private static async Task Refused(HttpResponseMessage response, HttpStatusCode status, string reason)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal(reason, (await response.Json()).GetProperty("reason").GetString());
    }

    /// <summary>Each kind of change the issue names, made through the API on <paramref name="on"/>; the opener's clock for expiry.</summary>
    private static async Task<IReadOnlyList<Change>> ChangesAsync(TeamShareFactory on, TeamShareFactory opener)
    {
        var mia = await on.ClientForAsync("mia@acme.test");
        var olivia = await on.ClientForAsync("olivia@acme.test");
        string share = "", item = "", grant = "";
        Func<Task<string>> Plain(object? link = null) => async () =>
        {
            (share, var token) = await ShareNewFileAsync(mia, link ?? new { remarks = "first" });
            return token;
        };
        return
        [
            new("cancel", Plain(), async _ => Assert.Equal(HttpStatusCode.NoContent, (await mia.DeleteAsync($"/api/shares/{share}")).StatusCode),
                r => Refused(r, HttpStatusCode.Gone, "canceled")),
            new("modify", Plain(), async _ => Assert.Equal(HttpStatusCode.OK, (await mia.PatchAsJsonAsync($"/api/shares/{share}", new { remarks = "second" })).StatusCode),
                async r => Assert.Equal("second", (await r.Json()).GetProperty("remarks").GetString())),
            new("item trashed", async () =>
                {
                    item = (await mia.UploadOk((await mia.PersonalSpace()).Id(), $"trashed-{Guid.NewGuid():N}.txt", "t"u8.ToArray())).Id();
                    return (await ShareAsync(mia, item, new { })).Token;
                },
                async _ => Assert.Equal(HttpStatusCode.NoContent, (await mia.DeleteAsync($"/api/items/{item}")).StatusCode),
                r => Refused(r, HttpStatusCode.Gone, "deleted")),
            new("the sharer's role lowered", async () =>
                {
                    item = (await olivia.UploadOk((await olivia.PersonalSpace()).Id(), $"granted-{Guid.NewGuid():N}.txt", "g"u8.ToArray())).Id();
                    grant = (await on.GrantAsync(item, "user", await mia.UserIdAsync(), AccessRole.Editor)).ToString();
                    return (await ShareAsync(mia, item, new { })).Token;
                },
                async _ => Assert.Equal(HttpStatusCode.NoContent, (await olivia.PatchAsJsonAsync($"/api/items/{item}/access/{grant}", new { role = "viewer" })).StatusCode),
                r => Refused(r, HttpStatusCode.Gone, "deleted")),
            new("the sharer suspended", async () =>
                {
                    var email = await on.NewMemberAsync("suspended", "Sam Suspended");
                    var sam = await on.ClientForAsync(email);
                    grant = (await sam.UserIdAsync()).ToString();
                    return (await ShareNewFileAsync(sam, new { })).Token;
                },
                async _ => Assert.Equal(HttpStatusCode.OK, (await olivia.PatchAsJsonAsync($"/api/admin/members/{grant}", new { isActive = false })).StatusCode),
                r => Refused(r, HttpStatusCode.Gone, "deleted")),
            new("expire", Plain(new { expiresAt = opener.Clock.GetUtcNow().AddDays(1) }),
                _ =>
                {
                    opener.Clock.Advance(TimeSpan.FromDays(2));
                    return Task.CompletedTask;
                },
                r => Refused(r, HttpStatusCode.Gone, "expired")),
            new("policy off", Plain(), async _ => await on.ChangePolicyAsync(s => s["linksOutsideTeamEnabled"] = false),
                r => Refused(r, HttpStatusCode.Forbidden, "blocked_by_policy")),
        ];
    }
}
