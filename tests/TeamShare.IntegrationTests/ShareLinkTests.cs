using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TeamShare.Invitations.Data;
using TeamShare.Links.Data;
using TeamShare.Links.Jobs;

namespace TeamShare.IntegrationTests;

/// <summary>LK-1..LK-11 through the API: options, passwords and the throttle, QR codes, drop boxes, My Shares, caps, expiry mail.</summary>
public sealed class ShareLinkTests(TeamShareFactory factory) : IClassFixture<TeamShareFactory>
{
    private readonly TestClock _clock = factory.Clock.Restart();

    [Fact]
    public async Task LK1_the_create_link_page_takes_several_items_of_one_space_the_member_may_edit()
    {
        var mia = await factory.ClientForAsync("mia@acme.test");
        var space = (await mia.PersonalSpace()).Id();
        var a = (await mia.UploadOk(space, "bundle-a.txt", "a"u8.ToArray())).Id();
        var b = (await mia.UploadOk(space, "bundle-b.txt", "b"u8.ToArray())).Id();
        var browser = await Browsers.SignedInAsync(factory, "mia@acme.test");

        var page = await browser.GetAsync($"/links/new?itemId={a}&itemId={b}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("Create a link to 2 items", html);
        Assert.Contains("bundle-a.txt", html);
        Assert.Contains("bundle-b.txt", html);

        var spaces = await (await mia.GetAsync("/api/spaces")).Json();
        var teamSpace = spaces.EnumerateArray().Single(s => s.GetProperty("name").GetString() == "Acme Shared").Id();
        var welcome = (await (await mia.GetAsync($"/api/spaces/{teamSpace}/items")).Json()).EnumerateArray()
            .Single(i => i.GetProperty("name").GetString() == "Welcome.md").Id();
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/links/new?itemId={a}&itemId={welcome}")).StatusCode);
        var marks = await factory.ClientForAsync("mark@acme.test");
        var notMine = (await marks.UploadOk((await marks.PersonalSpace()).Id(), "marks.txt", "m"u8.ToArray())).Id();
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/links/new?itemId={a}&itemId={notMine}")).StatusCode);
    }

    private const string AddressHeader = "X-Test-Client-Address";

    private async Task<(HttpClient Mia, string Space)> MiaAsync()
    {
        var mia = await factory.ClientForAsync("mia@acme.test");
        return (mia, (await mia.PersonalSpace()).Id());
    }

    private async Task<(HttpClient Mia, string Item, JsonElement Share, string Token)> ShareAsync(object options, string? name = null, byte[]? content = null)
    {
        var (mia, space) = await MiaAsync();
        var item = (await mia.UploadOk(space, name ?? $"f-{Guid.NewGuid():N}.txt", content ?? "hello"u8.ToArray())).Id();
        var json = JsonSerializer.SerializeToElement(options, JsonSerializerOptions.Web);
        var body = new Dictionary<string, object?> { ["itemIds"] = new[] { item } };
        foreach (var p in json.EnumerateObject()) body[p.Name] = p.Value;
        var share = await mia.ShareOk(body);
        return (mia, item, share, Api.TokenOf(share.GetProperty("url").GetString()!));
    }

    private static HttpRequestMessage Json(HttpMethod method, string url, object? body = null, string? address = null)
    {
        var request = new HttpRequestMessage(method, url) { Headers = { { "Accept", "application/json" } } };
        if (body is not null) request.Content = JsonContent.Create(body);
        if (address is not null) request.Headers.Add(AddressHeader, address);
        return request;
    }

    private static async Task<(HttpStatusCode Status, string? Reason)> Open(HttpClient client, string path)
    {
        var response = await client.SendAsync(Json(HttpMethod.Get, path));
        var body = await response.Json();
        return (response.StatusCode, body.TryGetProperty("reason", out var r) ? r.GetString() : null);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(1)]
    public async Task LK2_the_preview_limit_is_never_exceeded_by_200_parallel_opens(int limit)
    {
        var (_, item, _, token) = await ShareAsync(new { previewLimit = limit });
        var visitor = factory.Anonymous();
        var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(i =>
            i % 2 == 0 ? visitor.GetAsync($"/s/{token}/items/{item}/download") : visitor.GetAsync($"/s/{token}/items/{item}/preview")));
        Assert.Equal(limit, results.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.All(results.Where(r => r.StatusCode != HttpStatusCode.OK), r => Assert.Equal(HttpStatusCode.Gone, r.StatusCode));
    }

    [Fact]
    public async Task LK2_continuing_a_download_with_range_requests_does_not_count_again()
    {
        var (mia, item, share, token) = await ShareAsync(new { previewLimit = 2 }, content: "0123456789"u8.ToArray());
        // The browser that was counted keeps the item's counted ticket (a cookie) and resumes with it.
        var visitor = factory.Client();
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync($"/s/{token}/items/{item}/download")).StatusCode);
        for (var i = 0; i < 3; i++)
        {
            var rest = new HttpRequestMessage(HttpMethod.Get, $"/s/{token}/items/{item}/download");
            rest.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(5, null);
            Assert.Equal(HttpStatusCode.PartialContent, (await visitor.SendAsync(rest)).StatusCode);
        }
        Assert.Equal(1, (await (await mia.GetAsync($"/api/shares/{share.Id()}")).Json()).GetProperty("previewCount").GetInt32());
    }

    /// <summary>
    /// Issue 24 (B2): a small content is read whole when opened and a larger one streamed; either side of that size a link
    /// hands out the file byte for byte, and a range of it from the same counted browser.
    /// </summary>
    [Theory]
    [InlineData(TeamShare.Spaces.Blobs.FileSystemBlobStore.ReadWholeBytes)]
    [InlineData(TeamShare.Spaces.Blobs.FileSystemBlobStore.ReadWholeBytes + 1)]
    public async Task LK2_contents_either_side_of_the_whole_read_size_come_back_byte_for_byte_and_by_range(int size)
    {
        var bytes = System.Security.Cryptography.RandomNumberGenerator.GetBytes(size);
        var (_, item, _, token) = await ShareAsync(new { }, $"whole-{Guid.NewGuid():N}.bin", bytes);
        var browser = factory.Anonymous();
        var download = await browser.GetAsync($"/s/{token}/items/{item}/download");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(bytes, await download.Content.ReadAsByteArrayAsync());

        var rest = new HttpRequestMessage(HttpMethod.Get, $"/s/{token}/items/{item}/download");
        rest.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(size - 100, null);
        rest.Headers.Add("Cookie", download.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("ts_counted_")).Split(';')[0]);
        var ranged = await browser.SendAsync(rest);
        Assert.Equal(HttpStatusCode.PartialContent, ranged.StatusCode);
        Assert.Equal(bytes[^100..], await ranged.Content.ReadAsByteArrayAsync());
    }

    /// <summary>
    /// LK-2 with opens arriving together (issue 24, B2: on SQLite they share one transaction, each its own statement): every
    /// open gets its own answer, in the order counted, on two links at once, so a full link refuses exactly the opens past its
    /// limit and the other link's opens all pass; downloads are counted as downloads.
    /// </summary>
    [Fact]
    public async Task LK2_opens_arriving_together_are_each_counted_once_and_never_past_the_limit()
    {
        var (mia, item, small, smallToken) = await ShareAsync(new { previewLimit = 7 });
        var roomy = await mia.ShareOk(new { itemIds = new[] { item }, previewLimit = 40 });
        var roomyToken = Api.TokenOf(roomy.GetProperty("url").GetString()!);

        var answers = await Task.WhenAll(Enumerable.Range(0, 40).Select(async i =>
        {
            var (token, kind) = (i % 2 == 0 ? smallToken : roomyToken, i % 4 < 2 ? "preview" : "download");
            return (Small: token == smallToken, (await factory.Anonymous().GetAsync($"/s/{token}/items/{item}/{kind}")).StatusCode);
        }));

        Assert.Equal(7, answers.Count(a => a.Small && a.StatusCode == HttpStatusCode.OK));
        Assert.Equal(13, answers.Count(a => a.Small && a.StatusCode == HttpStatusCode.Gone));
        Assert.All(answers.Where(a => !a.Small), a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        var counts = await (await mia.GetAsync($"/api/shares/{roomy.Id()}")).Json();
        Assert.Equal(20, counts.GetProperty("previewCount").GetInt32());
        Assert.Equal(10, counts.GetProperty("downloadCount").GetInt32());
        Assert.Equal(7, (await (await mia.GetAsync($"/api/shares/{small.Id()}")).Json()).GetProperty("previewCount").GetInt32());
    }

    [Theory]
    [InlineData("download", "bytes=-1000000")]
    [InlineData("download", "bytes=1-")]
    [InlineData("preview", "bytes=5-")]
    public async Task LK2_HIGH_a_range_request_without_a_counted_open_counts_so_ranges_never_bypass_the_preview_limit(string kind, string range)
    {
        var (mia, item, share, token) = await ShareAsync(new { previewLimit = 1 }, name: $"r-{Guid.NewGuid():N}.md",
            content: "# A page that a preview shows whole"u8.ToArray());
        var visitor = factory.Anonymous();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, $"/s/{token}/items/{item}/{kind}");
            request.Headers.TryAddWithoutValidation("Range", range);
            statuses.Add((await visitor.SendAsync(request)).StatusCode);
        }
        Assert.Single(statuses, s => s is HttpStatusCode.OK or HttpStatusCode.PartialContent);
        Assert.Equal(4, statuses.Count(s => s == HttpStatusCode.Gone));
        Assert.Equal(1, (await (await mia.GetAsync($"/api/shares/{share.Id()}")).Json()).GetProperty("previewCount").GetInt32());
    }

    [Fact]
    public async Task LK2_HIGH_a_counted_ticket_is_for_its_own_item_and_kind_and_a_forged_one_counts()
    {
        var (mia, space) = await MiaAsync();
        var a = (await mia.UploadOk(space, $"ta-{Guid.NewGuid():N}.txt", "aaaaaaaaaa"u8.ToArray())).Id();
        var b = (await mia.UploadOk(space, $"tb-{Guid.NewGuid():N}.txt", "bbbbbbbbbb"u8.ToArray())).Id();
        var share = await mia.ShareOk(new Dictionary<string, object?> { ["itemIds"] = new[] { a, b }, ["previewLimit"] = 2 });
        var token = Api.TokenOf(share.GetProperty("url").GetString()!);
        var visitor = factory.Client();
        HttpRequestMessage Ranged(string item, string kind, string? cookie = null)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, $"/s/{token}/items/{item}/{kind}");
            request.Headers.TryAddWithoutValidation("Range", "bytes=0-");
            if (cookie is not null) request.Headers.Add("Cookie", cookie);
            return request;
        }

        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync($"/s/{token}/items/{a}/download")).StatusCode);
        // Item a's ticket neither covers item b nor a's preview: both count, and the limit of 2 is then reached.
        Assert.Equal(HttpStatusCode.PartialContent, (await visitor.SendAsync(Ranged(b, "download"))).StatusCode);
        Assert.Equal(HttpStatusCode.Gone, (await visitor.SendAsync(Ranged(a, "preview"))).StatusCode);
        Assert.Equal(HttpStatusCode.Gone, (await factory.Anonymous().SendAsync(Ranged(a, "download", $"ts_counted_{a.Replace("-", "")}=forged"))).StatusCode);
        Assert.Equal(2, (await (await mia.GetAsync($"/api/shares/{share.Id()}")).Json()).GetProperty("previewCount").GetInt32());
    }

    [Fact]
    public async Task Issue27_L4_a_counted_ticket_copied_to_clients_elsewhere_counts_again_there()
    {
        var (mia, item, share, token) = await ShareAsync(new { previewLimit = 2 }, content: "0123456789"u8.ToArray());
        var counted = await factory.Anonymous().SendAsync(Json(HttpMethod.Get, $"/s/{token}/items/{item}/download", address: "198.51.100.7"));
        Assert.Equal(HttpStatusCode.OK, counted.StatusCode);
        var ticket = counted.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("ts_counted_")).Split(';')[0];
        HttpRequestMessage Replay(string address)
        {
            var request = Json(HttpMethod.Get, $"/s/{token}/items/{item}/download", address: address);
            request.Headers.TryAddWithoutValidation("Range", "bytes=0-");
            request.Headers.Add("Cookie", ticket);
            return request;
        }

        // The counted visitor resumes as often as it likes; thirty clients elsewhere with the same cookie each count.
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.PartialContent, (await factory.Anonymous().SendAsync(Replay("198.51.100.7"))).StatusCode);
        var elsewhere = new List<HttpStatusCode>();
        for (var i = 0; i < 30; i++) elsewhere.Add((await factory.Anonymous().SendAsync(Replay($"203.0.113.{i + 1}"))).StatusCode);
        Assert.Single(elsewhere, s => s == HttpStatusCode.PartialContent);
        Assert.Equal(29, elsewhere.Count(s => s == HttpStatusCode.Gone));
        Assert.Equal(2, (await (await mia.GetAsync($"/api/shares/{share.Id()}")).Json()).GetProperty("previewCount").GetInt32());
    }

    [Fact]
    public async Task Issue27_L3_a_host_the_client_sends_never_becomes_a_links_address_nor_where_sign_in_sends_it()
    {
        var (mia, space) = await MiaAsync();
        var item = (await mia.UploadOk(space, $"h-{Guid.NewGuid():N}.txt", "hello"u8.ToArray())).Id();
        HttpRequestMessage Forged(HttpMethod method, string url, object? body = null)
        {
            var request = Json(method, url, body);
            request.Headers.Host = "evil.test";
            request.Headers.Add("X-Forwarded-Host", "evil.test");
            request.Headers.Add("X-Forwarded-Proto", "https");
            return request;
        }

        var created = await mia.SendAsync(Forged(HttpMethod.Post, "/api/shares", new { itemIds = new[] { item } }));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var share = await created.Json();
        Assert.StartsWith("http://localhost/s/", share.GetProperty("url").GetString());
        var again = await (await mia.SendAsync(Forged(HttpMethod.Get, $"/api/shares/{share.Id()}"))).Content.ReadAsStringAsync();
        var listed = await (await mia.SendAsync(Forged(HttpMethod.Get, "/api/shares"))).Content.ReadAsStringAsync();
        var page = await (await (await Browsers.SignedInAsync(factory, "mia@acme.test")).SendAsync(Forged(HttpMethod.Get, $"/shares/{share.Id()}"))).Content.ReadAsStringAsync();
        foreach (var shown in new[] { created.Content.ReadAsStringAsync().Result, again, listed, page }) Assert.DoesNotContain("evil.test", shown);

        var signIn = await factory.Client().SendAsync(Forged(HttpMethod.Get, "/files"));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.DoesNotContain("evil.test", signIn.Headers.Location!.OriginalString);
        Assert.StartsWith("/signin?", signIn.Headers.Location.OriginalString);
    }

    [Theory]
    [InlineData("abc12")]
    [InlineData("abcdefgh9")]
    [InlineData("abc-123")]
    [InlineData("pässwö1")]
    public async Task LK2_passwords_are_6_to_8_letters_and_digits(string password)
    {
        var (mia, space) = await MiaAsync();
        var item = (await mia.UploadOk(space, $"pw-{Guid.NewGuid():N}.txt", "x"u8.ToArray())).Id();
        var response = await mia.PostAsJsonAsync("/api/shares", new { itemIds = new[] { item }, password });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Json()).GetProperty("errors").TryGetProperty("password", out _));
    }

    [Fact]
    public async Task LK11_behind_a_trusted_proxy_the_throttle_counts_the_forwarded_visitor_and_others_cannot_pick_an_address()
    {
        var (_, _, _, token) = await ShareAsync(new { password = "Abc123" });
        var visitor = factory.Client();
        async Task<HttpStatusCode> Try(string password, string peer, string forwardedFor)
        {
            var request = Json(HttpMethod.Post, $"/s/{token}/unlock", new { password }, peer);
            request.Headers.Add("X-Forwarded-For", forwardedFor);
            return (await visitor.SendAsync(request)).StatusCode;
        }

        // Through a proxy on this machine, five wrong tries of one visitor lock out that visitor...
        for (var i = 0; i < 5; i++) Assert.Equal(HttpStatusCode.Unauthorized, await Try("wrong1", "127.0.0.1", "198.51.100.7"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await Try("Abc123", "127.0.0.1", "198.51.100.7"));
        // ...and not everyone else behind the same proxy.
        Assert.Equal(HttpStatusCode.NoContent, await Try("Abc123", "127.0.0.1", "198.51.100.8"));

        // A client that is not a trusted proxy cannot dodge the throttle by naming a new address each time.
        for (var i = 0; i < 5; i++) Assert.Equal(HttpStatusCode.Unauthorized, await Try("wrong1", "203.0.113.9", $"192.0.2.{i}"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await Try("Abc123", "203.0.113.9", "192.0.2.200"));
    }

    [Fact]
    public async Task LK11_a_password_is_case_sensitive_and_a_right_one_gives_a_cookie_for_that_link_only()
    {
        var (mia, item, share, token) = await ShareAsync(new { password = "Abc123" });
        var (_, _, _, other) = await ShareAsync(new { password = "Abc123" });
        var visitor = factory.Client();
        Assert.Equal((HttpStatusCode.Unauthorized, "password_required"), await Open(visitor, $"/s/{token}"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await visitor.GetAsync($"/s/{token}/items/{item}/download")).StatusCode);

        var wrong = await visitor.SendAsync(Json(HttpMethod.Post, $"/s/{token}/unlock", new { password = "abc123" }, "10.0.0.1"));
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal("password_wrong", (await wrong.Json()).GetProperty("reason").GetString());
        var right = await visitor.SendAsync(Json(HttpMethod.Post, $"/s/{token}/unlock", new { password = "Abc123" }, "10.0.0.1"));
        Assert.Equal(HttpStatusCode.NoContent, right.StatusCode);
        Assert.Contains($"path=/s/{token}", right.Headers.GetValues("Set-Cookie").Single(), StringComparison.OrdinalIgnoreCase);

        Assert.Equal(HttpStatusCode.OK, (await Open(visitor, $"/s/{token}")).Status);
        Assert.Equal("hello", await visitor.GetStringAsync($"/s/{token}/items/{item}/download"));
        Assert.Equal((HttpStatusCode.Unauthorized, "password_required"), await Open(visitor, $"/s/{other}"));

        // A new password locks out everyone who unlocked with the old one (LK-5).
        Assert.Equal(HttpStatusCode.OK, (await mia.PatchAsJsonAsync($"/api/shares/{share.Id()}", new { password = "New456" })).StatusCode);
        Assert.Equal((HttpStatusCode.Unauthorized, "password_required"), await Open(visitor, $"/s/{token}"));
    }

    [Fact]
    public async Task LK11_five_wrong_passwords_throttle_that_address_even_with_the_right_password_and_it_survives_a_restart()
    {
        var directory = Path.Combine(Path.GetTempPath(), "teamshare-tests", Guid.NewGuid().ToString("N"));
        string token;
        using (var first = new TeamShareFactory { DataDirectory = directory, DeleteDataOnDispose = false })
        {
            var mia = await first.ClientForAsync("mia@acme.test");
            var item = (await mia.UploadOk((await mia.PersonalSpace()).Id(), "locked.txt", "x"u8.ToArray())).Id();
            token = Api.TokenOf((await mia.ShareOk(new { itemIds = new[] { item }, password = "Secret1" })).GetProperty("url").GetString()!);
            var visitor = first.Anonymous();
            for (var i = 0; i < 5; i++)
                Assert.Equal(HttpStatusCode.Unauthorized, (await visitor.SendAsync(Json(HttpMethod.Post, $"/s/{token}/unlock", new { password = "Wrong1" }, "192.0.2.10"))).StatusCode);
            var sixth = await visitor.SendAsync(Json(HttpMethod.Post, $"/s/{token}/unlock", new { password = "Secret1" }, "192.0.2.10"));
            Assert.Equal(HttpStatusCode.TooManyRequests, sixth.StatusCode);
            Assert.Equal(HttpStatusCode.NoContent, (await visitor.SendAsync(Json(HttpMethod.Post, $"/s/{token}/unlock", new { password = "Secret1" }, "192.0.2.20"))).StatusCode);
        }
        using (var restarted = new TeamShareFactory { DataDirectory = directory })
        {
            var visitor = restarted.Anonymous();
            Assert.Equal(HttpStatusCode.TooManyRequests, (await visitor.SendAsync(Json(HttpMethod.Post, $"/s/{token}/unlock", new { password = "Secret1" }, "192.0.2.10"))).StatusCode);
            restarted.Clock.Advance(TimeSpan.FromMinutes(16));
            Assert.Equal(HttpStatusCode.NoContent, (await visitor.SendAsync(Json(HttpMethod.Post, $"/s/{token}/unlock", new { password = "Secret1" }, "192.0.2.10"))).StatusCode);
        }
    }

    [Fact]
    public async Task LK11_a_hundred_wrong_passwords_from_anywhere_close_the_link_to_all_but_signed_in_members()
    {
        var (_, _, share, token) = await ShareAsync(new { password = "Secret1" });
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LinksDbContext>();
            var now = _clock.GetUtcNow().UtcDateTime;
            db.PasswordFailures.AddRange(Enumerable.Range(0, 100).Select(i => new PasswordFailure
            {
                ShareId = Guid.Parse(share.Id()), ClientAddress = $"198.51.100.{i}", At = now.AddMinutes(-30),
            }));
            await db.SaveChangesAsync();
        }
        var outsider = await factory.Anonymous().SendAsync(Json(HttpMethod.Post, $"/s/{token}/unlock", new { password = "Secret1" }, "203.0.113.7"));
        Assert.Equal(HttpStatusCode.TooManyRequests, outsider.StatusCode);
        var member = await factory.ClientForAsync("eve@acme.test");
        Assert.Equal(HttpStatusCode.NoContent, (await member.SendAsync(Json(HttpMethod.Post, $"/s/{token}/unlock", new { password = "Secret1" }, "203.0.113.7"))).StatusCode);
    }

    [Fact]
    public async Task LK3_the_qr_code_decodes_to_a_url_that_reaches_the_link_for_7_days_and_then_says_expired()
    {
        var (mia, _, share, token) = await ShareAsync(new { remarks = "via QR" });
        var png = await mia.GetByteArrayAsync(share.GetProperty("qrCodeUrl").GetString());
        var file = Path.Combine(factory.DataDirectory, $"qr-{Guid.NewGuid():N}.png");
        await File.WriteAllBytesAsync(file, png);
        var decoded = await Zbarimg(file);
        Assert.Contains("/q/", decoded);
        var path = new Uri(decoded).PathAndQuery;

        var visitor = factory.Anonymous();
        // A refusal here once came without its reason in the failure (the CI run at d88dafe): the answer is shown whole.
        var first = await visitor.SendAsync(Json(HttpMethod.Get, path));
        Assert.True(first.StatusCode == HttpStatusCode.OK, $"the QR code's first open: {(int)first.StatusCode} {await first.Content.ReadAsStringAsync()}");
        Assert.Equal("via QR", (await first.Json()).GetProperty("remarks").GetString());

        _clock.Advance(TimeSpan.FromDays(7));
        Assert.Equal((HttpStatusCode.Gone, "qr_expired"), await Open(visitor, path));
        var page = await (await visitor.GetAsync(path)).Content.ReadAsStringAsync();
        Assert.Contains("This QR code has expired", page);
        Assert.Equal(HttpStatusCode.OK, (await Open(visitor, $"/s/{token}")).Status);

        var fresh = await (await mia.PostAsync($"/api/shares/{share.Id()}/qr", null)).Json();
        Assert.Equal(HttpStatusCode.OK, (await Open(visitor, new Uri(fresh.GetProperty("url").GetString()!).PathAndQuery)).Status);
    }

    internal static async Task<string> Zbarimg(string file)
    {
        using var process = Process.Start(new ProcessStartInfo("zbarimg", ["--raw", "-q", file]) { RedirectStandardOutput = true })!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.Equal(0, process.ExitCode);
        return output.Trim();
    }

    [Fact]
    public async Task LK5_LK6_modify_and_cancel_take_effect_on_the_next_request_and_the_link_stays_the_same()
    {
        var (mia, item, share, token) = await ShareAsync(new { remarks = "first" });
        var visitor = factory.Anonymous();
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync($"/s/{token}/items/{item}/download")).StatusCode);

        var modified = await mia.PatchAsJsonAsync($"/api/shares/{share.Id()}", new { remarks = "second", allowDownload = false });
        Assert.Equal(HttpStatusCode.OK, modified.StatusCode);
        var view = await (await visitor.SendAsync(Json(HttpMethod.Get, $"/s/{token}"))).Json();
        Assert.Equal("second", view.GetProperty("remarks").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await visitor.GetAsync($"/s/{token}/items/{item}/download")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync($"/s/{token}/items/{item}/preview")).StatusCode);

        var tooLong = await mia.PatchAsJsonAsync($"/api/shares/{share.Id()}", new { previewLimit = 0 });
        Assert.True((await tooLong.Json()).GetProperty("errors").TryGetProperty("previewLimit", out _));

        Assert.Equal(HttpStatusCode.NoContent, (await mia.DeleteAsync($"/api/shares/{share.Id()}")).StatusCode);
        Assert.Equal((HttpStatusCode.Gone, "canceled"), await Open(visitor, $"/s/{token}"));
        Assert.Equal(HttpStatusCode.Conflict, (await mia.PatchAsJsonAsync($"/api/shares/{share.Id()}", new { remarks = "back?" })).StatusCode);
        Assert.Equal("canceled", (await (await mia.GetAsync($"/api/shares/{share.Id()}")).Json()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task LK8_a_drop_box_lists_nothing_answers_every_name_with_the_same_404_and_never_overwrites()
    {
        var (mia, space) = await MiaAsync();
        var folder = (await (await mia.PostAsJsonAsync($"/api/spaces/{space}/folders", new { name = $"drop-{Guid.NewGuid():N}" })).Json()).Id();
        var existing = (await (await mia.Upload(space, "secret-plan.txt", new MemoryStream("plan"u8.ToArray()), folder)).Json()).Id();
        var share = await mia.ShareOk(new { itemIds = new[] { folder }, allowPreview = false, allowUpload = true });
        var token = Api.TokenOf(share.GetProperty("url").GetString()!);
        var visitor = factory.Anonymous();

        var view = await (await visitor.SendAsync(Json(HttpMethod.Get, $"/s/{token}"))).Json();
        Assert.Equal(0, view.GetProperty("items").GetArrayLength());
        Assert.DoesNotContain("secret-plan", await visitor.GetStringAsync($"/s/{token}"));
        var known = await visitor.GetAsync($"/s/{token}/items/{existing}/download");
        var unknown = await visitor.GetAsync($"/s/{token}/items/{Guid.NewGuid()}/download");
        Assert.Equal(HttpStatusCode.NotFound, known.StatusCode);
        Assert.Equal(known.StatusCode, unknown.StatusCode);
        var (a, b) = (await known.Json(), await unknown.Json());
        Assert.Equal(a.GetProperty("title").GetString(), b.GetProperty("title").GetString());
        Assert.Equal(a.GetProperty("detail").GetString(), b.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/s/{token}?folder={folder}")).StatusCode);

        for (var i = 0; i < 2; i++)
        {
            using var form = new MultipartFormDataContent { { new ByteArrayContent("from outside"u8.ToArray()), "file", "secret-plan.txt" } };
            var uploaded = await visitor.PostAsync($"/s/{token}/upload", form);
            Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
            Assert.Equal("secret-plan.txt", (await uploaded.Json()).GetProperty("received").GetString());
        }
        var names = (await (await mia.GetAsync($"/api/spaces/{space}/items?parentId={folder}")).Json()).EnumerateArray()
            .Select(i => i.GetProperty("name").GetString()).ToHashSet();
        Assert.Equal(new HashSet<string?> { "secret-plan.txt", "secret-plan (1).txt", "secret-plan (2).txt" }, names);
        Assert.Equal("plan", await mia.GetStringAsync($"/api/items/{existing}/content"));
        Assert.Equal(2, (await (await mia.GetAsync($"/api/shares/{share.Id()}")).Json()).GetProperty("uploadCount").GetInt32());
    }

    [Fact]
    public async Task LK8_upload_is_for_folders_only()
    {
        var (mia, space) = await MiaAsync();
        var file = (await mia.UploadOk(space, $"nofolder-{Guid.NewGuid():N}.txt", "x"u8.ToArray())).Id();
        var response = await mia.PostAsJsonAsync("/api/shares", new { itemIds = new[] { file }, allowUpload = true });
        Assert.True((await response.Json()).GetProperty("errors").TryGetProperty("allowUpload", out _));
    }

    [Fact]
    public async Task LK2_a_link_that_allows_editing_saves_a_new_version_the_owner_sees()
    {
        var (mia, item, _, token) = await ShareAsync(new { allowEdit = true }, "shared-notes.md", "# v1"u8.ToArray());
        var visitor = factory.Anonymous();
        var saved = await visitor.PutAsync($"/s/{token}/items/{item}/content", new StringContent("# v2 from a partner"));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal("# v2 from a partner", await mia.GetStringAsync($"/api/items/{item}/content"));
        Assert.Equal(2, (await (await mia.GetAsync($"/api/items/{item}/versions")).Json()).GetArrayLength());

        var (_, readOnly, _, roToken) = await ShareAsync(new { });
        Assert.Equal(HttpStatusCode.Forbidden, (await visitor.PutAsync($"/s/{roToken}/items/{readOnly}/content", new StringContent("x"))).StatusCode);
    }

    [Fact]
    public async Task LK2_an_editing_link_without_download_gives_its_editor_the_current_content_counted_as_a_preview()
    {
        var (mia, item, share, token) = await ShareAsync(new { allowEdit = true, allowDownload = false, previewLimit = 1 }, "agenda.txt", "1. budget"u8.ToArray());
        var visitor = factory.Anonymous();
        Assert.Equal(HttpStatusCode.Forbidden, (await visitor.GetAsync($"/s/{token}/items/{item}/download")).StatusCode);
        Assert.Equal("1. budget", await visitor.GetStringAsync($"/s/{token}/items/{item}/content"));
        Assert.Equal(HttpStatusCode.Gone, (await visitor.GetAsync($"/s/{token}/items/{item}/content")).StatusCode);
        Assert.Equal(1, (await (await mia.GetAsync($"/api/shares/{share.Id()}")).Json()).GetProperty("previewCount").GetInt32());

        var (_, readOnly, _, roToken) = await ShareAsync(new { }, "agenda-ro.txt", "ro"u8.ToArray());
        Assert.Equal(HttpStatusCode.Forbidden, (await visitor.GetAsync($"/s/{roToken}/items/{readOnly}/content")).StatusCode);
    }

    [Fact]
    public async Task Issue12_the_share_page_lists_what_it_shares_and_a_canceled_share_says_so()
    {
        var name = $"listed-{Guid.NewGuid():N}.txt";
        var (mia, _, share, _) = await ShareAsync(new { }, name, "x"u8.ToArray());
        var browser = await Browsers.SignedInAsync(factory, "mia@acme.test");
        var page = await browser.GetStringAsync($"/shares/{share.Id()}");
        Assert.Contains("What it shares", page);
        Assert.Contains($">{name}</a>", page);
        Assert.Equal(HttpStatusCode.NoContent, (await mia.DeleteAsync($"/api/shares/{share.Id()}")).StatusCode);
        page = await browser.GetStringAsync($"/shares/{share.Id()}");
        Assert.Contains("This share was canceled", page);
        Assert.Contains($">{name}</a>", page);
    }

    [Fact]
    public async Task LK4_a_link_is_found_by_any_part_of_its_name_in_any_case_and_after_a_rename_only_by_its_new_name()
    {
        var tag = Guid.NewGuid().ToString("N")[..12];
        var (mia, _, share, _) = await ShareAsync(new { name = $"Budget {tag} Draft" });
        async Task<string[]> Found(string name) =>
            (await (await mia.GetAsync($"/api/shares?name={Uri.EscapeDataString(name)}")).Json()).GetProperty("items").EnumerateArray().Select(Api.Id).ToArray();
        Assert.Equal([share.Id()], await Found($"{tag.ToUpperInvariant()} dra"));
        Assert.Equal([share.Id()], await Found(tag[3..9]));

        Assert.Equal(HttpStatusCode.OK, (await mia.PatchAsJsonAsync($"/api/shares/{share.Id()}", new { name = $"Invoices {tag[..6]}\"q\"" })).StatusCode);
        Assert.Empty(await Found($"{tag} Draft"));
        Assert.Equal([share.Id()], await Found($"invoices {tag[..6]}\"q"));
    }

    [Fact]
    public async Task LK4_the_sharer_gets_the_same_link_again_until_the_share_is_canceled_and_nobody_else_does()
    {
        var (mia, _, share, token) = await ShareAsync(new { name = $"again-{Guid.NewGuid():N}" });
        var url = share.GetProperty("url").GetString();
        Assert.Equal(url, (await (await mia.GetAsync($"/api/shares/{share.Id()}")).Json()).GetProperty("url").GetString());
        var listed = (await (await mia.GetAsync($"/api/shares?name={share.GetProperty("name").GetString()}")).Json()).GetProperty("items");
        Assert.Equal(url, listed.EnumerateArray().Single().GetProperty("url").GetString());
        Assert.Equal(HttpStatusCode.OK, (await factory.Anonymous().GetAsync($"/s/{token}")).StatusCode);

        var mark = await factory.ClientForAsync("mark@acme.test");
        Assert.Equal(HttpStatusCode.NotFound, (await mark.GetAsync($"/api/shares/{share.Id()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await mia.DeleteAsync($"/api/shares/{share.Id()}")).StatusCode);
        Assert.Equal(JsonValueKind.Null, (await (await mia.GetAsync($"/api/shares/{share.Id()}")).Json()).GetProperty("url").ValueKind);
    }

    [Fact]
    public async Task LK4_my_shares_searches_by_name_and_time_filters_by_status_and_pages_by_keyset()
    {
        var (mia, space) = await MiaAsync();
        var tag = Guid.NewGuid().ToString("N")[..8];
        var item = (await mia.UploadOk(space, $"report-{tag}.txt", "x"u8.ToArray())).Id();
        var ids = new List<string>();
        for (var i = 0; i < 5; i++) ids.Add((await mia.ShareOk(new { itemIds = new[] { item }, name = $"Quarter {i} {tag}" })).Id());
        await mia.DeleteAsync($"/api/shares/{ids[0]}");

        var page1 = await (await mia.GetAsync($"/api/shares?name={tag}&pageSize=2")).Json();
        Assert.Equal(2, page1.GetProperty("items").GetArrayLength());
        Assert.Equal(ids[4], page1.GetProperty("items")[0].Id());
        var cursor = page1.GetProperty("nextCursor").GetString();
        var page2 = await (await mia.GetAsync($"/api/shares?name={tag}&pageSize=2&cursor={cursor}")).Json();
        Assert.Equal(ids[2], page2.GetProperty("items")[0].Id());

        var canceled = await (await mia.GetAsync($"/api/shares?name={tag}&status=canceled")).Json();
        Assert.Equal([ids[0]], canceled.GetProperty("items").EnumerateArray().Select(s => s.Id()));
        var active = await (await mia.GetAsync($"/api/shares?name={tag}&status=active")).Json();
        Assert.Equal(4, active.GetProperty("items").GetArrayLength());

        var future = Uri.EscapeDataString(_clock.GetUtcNow().AddDays(1).ToString("O"));
        Assert.Equal(0, (await (await mia.GetAsync($"/api/shares?name={tag}&createdFrom={future}")).Json()).GetProperty("items").GetArrayLength());
        Assert.True((await (await mia.GetAsync("/api/shares?status=nonsense")).Json()).GetProperty("errors").TryGetProperty("status", out _));

        await mia.DeleteAsync($"/api/items/{item}");
        var trashed = await (await mia.GetAsync($"/api/shares?name={tag}&status=item_in_trash")).Json();
        Assert.Equal(4, trashed.GetProperty("items").GetArrayLength());
        var gary = await factory.ClientForAsync("gary@globex.test");
        Assert.Equal(HttpStatusCode.NotFound, (await gary.GetAsync($"/api/shares/{ids[1]}")).StatusCode);
    }

    [Fact]
    public async Task JB1_the_expiry_sweep_mails_each_owner_once_about_their_expired_links()
    {
        var (_, _, share, token) = await ShareAsync(new { name = $"expiring-{Guid.NewGuid():N}", expiresAt = _clock.GetUtcNow().AddHours(1) });
        _clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal((HttpStatusCode.Gone, "expired"), await Open(factory.Anonymous(), $"/s/{token}"));

        for (var run = 0; run < 2; run++)
        {
            using var scope = factory.Services.CreateScope();
            await scope.ServiceProvider.GetRequiredService<LinkExpirySweep>().RunAsync(CancellationToken.None);
        }
        using var check = factory.Services.CreateScope();
        var mails = await check.ServiceProvider.GetRequiredService<InvitationsDbContext>().Outbox.AsNoTracking()
            .Where(m => m.Template == "links-expired" && m.ModelJson.Contains(share.GetProperty("name").GetString()!)).ToListAsync();
        var mail = Assert.Single(mails);
        Assert.Equal("mia@acme.test", mail.To);
    }

    [Fact]
    public async Task Issue28_link_modified_names_only_the_fields_that_changed_and_a_save_without_changes_writes_nothing()
    {
        var mia = await factory.ClientForAsync("mia@acme.test");
        var olivia = await factory.ClientForAsync("olivia@acme.test");
        var item = (await mia.UploadOk((await mia.PersonalSpace()).Id(), $"audited-{Guid.NewGuid():N}.txt", "a"u8.ToArray())).Id();
        var share = (await mia.ShareOk(new { itemIds = new[] { item }, remarks = "first" })).Id();
        // What the link page's form sends: every field, only the remarks different.
        object Form(string remarks) => new
        {
            name = $"audited", allowPreview = true, allowDownload = true, allowEdit = false, allowUpload = false, remarks, audience = "anyone",
        };
        Assert.Equal(HttpStatusCode.OK, (await mia.PatchAsJsonAsync($"/api/shares/{share}", new { name = "audited" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await mia.PatchAsJsonAsync($"/api/shares/{share}", Form("second"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await mia.PatchAsJsonAsync($"/api/shares/{share}", Form("second"))).StatusCode);

        var rows = (await (await olivia.GetAsync("/api/admin/activity?kind=link_modified")).Json()).EnumerateArray()
            .Where(r => r.GetProperty("subjectId").GetString() == share).Select(r => r.GetProperty("details").GetString()).ToList();
        Assert.Equal(["remarks", "name"], rows);
    }

    [Fact]
    public async Task Issue28_a_QR_code_of_a_link_that_ends_sooner_says_it_works_until_the_link_ends()
    {
        var mia = await factory.ClientForAsync("mia@acme.test");
        var item = (await mia.UploadOk((await mia.PersonalSpace()).Id(), $"qr-{Guid.NewGuid():N}.txt", "q"u8.ToArray())).Id();
        var ends = _clock.GetUtcNow().UtcDateTime.AddDays(1);
        var share = await mia.ShareOk(new { itemIds = new[] { item }, expiresAt = ends });
        var linkEnds = share.GetProperty("expiresAt").GetDateTime();
        Assert.Equal(linkEnds, share.GetProperty("qrCode").GetProperty("expiresAt").GetDateTime());
        var permanent = await mia.ShareOk(new { itemIds = new[] { item } });
        Assert.True(permanent.GetProperty("qrCode").GetProperty("expiresAt").GetDateTime() > _clock.GetUtcNow().UtcDateTime.AddDays(6));
    }
}
