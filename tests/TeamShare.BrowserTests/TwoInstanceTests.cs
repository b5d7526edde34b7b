using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using TeamShare.IntegrationTests;
using Xunit.Abstractions;

namespace TeamShare.BrowserTests;

/// <summary>
/// Issue 9: every guarantee of the spec holds across two instances on one PostgreSQL database: sessions and tokens, the
/// preview limit under concurrency, the password throttle, cancel and policy switches at once, mail exactly once (and none
/// lost when an instance is killed), and files through either instance.
/// </summary>
[Collection(TwoInstanceCollection.Name)]
public sealed partial class TwoInstanceTests(TwoInstances two, ITestOutputHelper output)
{
    private const string Password = "demo-Password1";

    private static async Task<HttpClient> TokenClientAsync(string baseUrl, string email)
    {
        var client = new HttpClient { BaseAddress = new Uri(baseUrl) };
        var response = await client.PostAsJsonAsync("/api/auth/tokens", new { email, password = Password, name = "two-instances" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await response.Json()).GetProperty("token").GetString());
        return client;
    }

    private static HttpClient On(string baseUrl, string? bearer = null)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(baseUrl) };
        if (bearer is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }

    private async Task<(HttpClient Mia, string Item)> UploadOnAAsync(byte[] content, string? name = null)
    {
        var mia = await TokenClientAsync(two.A.BaseUrl, "mia@acme.test");
        var item = (await mia.UploadOk((await mia.PersonalSpace()).Id(), name ?? $"two-{Guid.NewGuid():N}.bin", content)).Id();
        return (mia, item);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex FormToken();

    [Fact]
    public async Task Scale_a_cookie_and_an_anti_forgery_token_made_by_A_and_a_personal_access_token_made_on_A_work_on_B()
    {
        // Cookies are scoped by host, not port: one container carries A's cookies to B, as a load balancer would.
        var cookies = new CookieContainer();
        HttpClient Browser(string url) => new(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = new Uri(url) };
        var onA = Browser(two.A.BaseUrl);
        var onB = Browser(two.B.BaseUrl);
        var form = FormToken().Match(await onA.GetStringAsync("/signin")).Groups[1].Value;
        var signIn = await onB.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = "mia@acme.test", ["Password"] = Password, ["__RequestVerificationToken"] = form,
        }));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await onA.GetAsync("/api/me")).StatusCode);
        Assert.Contains("mia@acme.test", await onB.GetStringAsync("/api/me"));

        var token = (await TokenClientAsync(two.A.BaseUrl, "mark@acme.test")).DefaultRequestHeaders.Authorization!.Parameter;
        Assert.Contains("mark@acme.test", await On(two.B.BaseUrl, token).GetStringAsync("/api/me"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(10)]
    [InlineData(99)]
    public async Task LK2_Scale_200_concurrent_opens_spread_over_both_instances_let_exactly_the_limit_through(int limit)
    {
        var (mia, item) = await UploadOnAAsync("counted"u8.ToArray());
        var share = await mia.ShareOk(new { itemIds = new[] { item }, previewLimit = limit });
        var token = Api.TokenOf(share.GetProperty("url").GetString()!);
        HttpClient[] instances = [On(two.A.BaseUrl), On(two.B.BaseUrl)];
        var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => instances[i % 2].GetAsync($"/s/{token}/items/{item}/download")));
        output.WriteLine($"limit {limit}: {results.Count(r => r.StatusCode == HttpStatusCode.OK)} of 200 opens allowed");
        Assert.Equal(limit, results.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.All(results.Where(r => r.StatusCode != HttpStatusCode.OK), r => Assert.Equal(HttpStatusCode.Gone, r.StatusCode));
        Assert.Equal(limit, (await (await mia.GetAsync($"/api/shares/{share.Id()}")).Json()).GetProperty("previewCount").GetInt32());
    }

    [Fact]
    public async Task LK11_Scale_wrong_passwords_alternated_between_instances_hit_the_throttle_at_the_same_count_as_on_one()
    {
        var (mia, item) = await UploadOnAAsync("secret"u8.ToArray());
        var token = Api.TokenOf((await mia.ShareOk(new { itemIds = new[] { item }, password = "Abc123" })).GetProperty("url").GetString()!);
        HttpClient[] instances = [On(two.A.BaseUrl), On(two.B.BaseUrl)];
        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await instances[i % 2].PostAsJsonAsync($"/s/{token}/unlock", new { password = "wrong1" })).StatusCode);
        // The sixth try is refused on either instance, even with the right password: five wrong ones are counted once, in the database.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await instances[1].PostAsJsonAsync($"/s/{token}/unlock", new { password = "Abc123" })).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await instances[0].PostAsJsonAsync($"/s/{token}/unlock", new { password = "Abc123" })).StatusCode);
    }

    [Fact]
    public async Task LK7_AD1_Scale_a_link_canceled_on_A_and_a_policy_switched_off_on_A_are_refused_on_B_at_once()
    {
        var (mia, item) = await UploadOnAAsync("x"u8.ToArray());
        var canceled = await mia.ShareOk(new { itemIds = new[] { item } });
        var kept = await mia.ShareOk(new { itemIds = new[] { item } });
        var visitorB = On(two.B.BaseUrl);
        Assert.Equal(HttpStatusCode.OK, (await visitorB.GetAsync(new Uri(canceled.GetProperty("url").GetString()!).AbsolutePath)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await mia.DeleteAsync($"/api/shares/{canceled.Id()}")).StatusCode);
        Assert.Equal(HttpStatusCode.Gone, (await visitorB.GetAsync(new Uri(canceled.GetProperty("url").GetString()!).AbsolutePath)).StatusCode);

        var olivia = await TokenClientAsync(two.A.BaseUrl, "olivia@acme.test");
        var settings = JsonSerializer.Deserialize<Dictionary<string, object?>>((await (await olivia.GetAsync("/api/admin/policy")).Json()).GetProperty("settings").GetRawText())!;
        settings["linksOutsideTeamEnabled"] = false;
        try
        {
            Assert.Equal(HttpStatusCode.OK, (await olivia.PutAsJsonAsync("/api/admin/policy", new { settings })).StatusCode);
            var refused = await visitorB.GetAsync(new Uri(kept.GetProperty("url").GetString()!).AbsolutePath);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }
        finally
        {
            settings["linksOutsideTeamEnabled"] = true;
            Assert.Equal(HttpStatusCode.OK, (await olivia.PutAsJsonAsync("/api/admin/policy", new { settings })).StatusCode);
        }
    }

    [Fact]
    public async Task SP2_Scale_a_file_uploaded_through_A_downloads_byte_identical_through_B()
    {
        var content = RandomNumberGenerator.GetBytes(5 * 1024 * 1024 + 17);
        var (mia, item) = await UploadOnAAsync(content);
        var onB = On(two.B.BaseUrl, mia.DefaultRequestHeaders.Authorization!.Parameter);
        var downloaded = await onB.GetByteArrayAsync($"/api/items/{item}/content");
        Assert.Equal(SHA256.HashData(content), SHA256.HashData(downloaded));
    }

    private async Task AllowAnyoneByEmailAsync()
    {
        var olivia = await TokenClientAsync(two.A.BaseUrl, "olivia@acme.test");
        var settings = JsonSerializer.Deserialize<Dictionary<string, object?>>((await (await olivia.GetAsync("/api/admin/policy")).Json()).GetProperty("settings").GetRawText())!;
        settings["emailMode"] = "anyone";
        Assert.Equal(HttpStatusCode.OK, (await olivia.PutAsJsonAsync("/api/admin/policy", new { settings })).StatusCode);
    }

    private async Task<string[]> InviteFiftyAsync(string prefix)
    {
        await AllowAnyoneByEmailAsync();
        var (mia, item) = await UploadOnAAsync("plan"u8.ToArray(), $"{prefix}.txt");
        var addresses = Enumerable.Range(0, 50).Select(i => $"{prefix}{i}@partner.example").ToArray();
        var response = await mia.PostAsJsonAsync($"/api/items/{item}/invitations", new
        {
            recipients = addresses.Select(a => new { kind = "external", email = a }).ToArray(),
            role = "viewer", acknowledgeExternal = true, externalExpiryDays = 7,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return addresses;
    }

    private async Task<Dictionary<string, int>> WaitForMailAsync(string[] addresses, TimeSpan within)
    {
        // Polled under a deadline until the outbox is settled (every row sent or failed, so a duplicate would already have
        // been handed to SMTP) and every address has its mail; no fixed sleep.
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline
               && (await two.UnsettledMailAsync() > 0 || addresses.Any(a => two.Smtp.MessagesTo(a).Count == 0)))
            await Task.Delay(250);
        return addresses.ToDictionary(a => a, a => two.Smtp.MessagesTo(a).Count);
    }

    [Fact]
    public async Task SH9_Scale_fifty_external_invitations_with_both_job_servers_running_mail_each_recipient_exactly_once()
    {
        var addresses = await InviteFiftyAsync("both");
        var counts = await WaitForMailAsync(addresses, TimeSpan.FromSeconds(120));
        output.WriteLine($"mails per recipient: {string.Join(", ", counts.Values.GroupBy(c => c).OrderBy(g => g.Key).Select(g => $"{g.Count()}×{g.Key}"))}");
        Assert.All(counts, c => Assert.Equal(1, c.Value));
    }
}

[CollectionDefinition(Name)]
public sealed class TwoInstanceCollection : ICollectionFixture<TwoInstances>
{
    public const string Name = "two instances";
}
