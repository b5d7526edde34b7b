using System.Net;
using System.Net.Http.Json;

namespace TeamShare.IntegrationTests;

/// <summary>Issue 14 finding 11 (ASVS V4): signed-out traffic is limited per visitor address; members are not.</summary>
public sealed class RateLimitTests : IDisposable
{
    private readonly TeamShareFactory _factory = new() { AnonymousPerMinute = 10, CredentialPerMinute = 2 };

    public void Dispose() => _factory.Dispose();

    private static HttpRequestMessage From(string address, HttpMethod method, string url, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, url) { Content = content };
        request.Headers.Add("X-Test-Client-Address", address);
        request.Headers.Add("Accept", "application/json");
        return request;
    }

    [Fact]
    public async Task ID8_a_visitor_hashing_passwords_over_the_limit_gets_429_with_retry_after_and_other_visitors_do_not()
    {
        var client = _factory.Anonymous();
        // Sent at once, so the bucket (2 a minute: one more every 30 s) cannot refill in between.
        var statuses = await Task.WhenAll(Enumerable.Range(0, 7).Select(async i => (await client.SendAsync(From("192.0.2.30", HttpMethod.Post, "/api/auth/tokens",
            JsonContent.Create(new { email = $"someone-{i}@acme.test", password = "wrong-password", name = "x" })))).StatusCode));
        Assert.Equal(2, statuses.Count(s => s == HttpStatusCode.Unauthorized));
        Assert.Equal(5, statuses.Count(s => s == HttpStatusCode.TooManyRequests));

        var refused = await client.SendAsync(From("192.0.2.30", HttpMethod.Post, "/api/auth/password-reset", JsonContent.Create(new { email = "mia@acme.test" })));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(int.Parse(refused.Headers.GetValues("Retry-After").Single()) >= 1);
        var problem = await refused.Json();
        Assert.Equal("rate-limited", problem.GetProperty("reason").GetString());
        Assert.Contains("Wait", problem.GetProperty("detail").GetString());

        // Issue 27 L1: an API route asked for a page still answers 429 (the refusal was a 500 for Accept: text/html).
        var asPage = From("192.0.2.30", HttpMethod.Post, "/api/auth/tokens", JsonContent.Create(new { email = "x@acme.test", password = "x", name = "x" }));
        asPage.Headers.Accept.Clear();
        asPage.Headers.Add("Accept", "text/html");
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.SendAsync(asPage)).StatusCode);

        // Another visitor signs in as usual; pages that hash nothing are still served to the first one.
        Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(From("192.0.2.31", HttpMethod.Post, "/api/auth/tokens",
            JsonContent.Create(new { email = "mia@acme.test", password = TeamShareFactory.Password, name = "x" })))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(From("192.0.2.30", HttpMethod.Get, "/signin"))).StatusCode);
    }

    [Fact]
    public async Task ID8_a_signed_out_visitor_is_limited_per_address_and_a_signed_in_member_on_that_address_is_not()
    {
        var member = await _factory.ClientForAsync("mia@acme.test");
        var anonymous = _factory.Anonymous();
        var statuses = new List<HttpStatusCode>();
        // 10 a minute: ten at once, then one more every 6 s.
        for (var i = 0; i < 15; i++) statuses.Add((await anonymous.SendAsync(From("192.0.2.40", HttpMethod.Get, "/signin"))).StatusCode);
        Assert.Equal(Enumerable.Repeat(HttpStatusCode.OK, 10).ToList(), statuses.Take(10).ToList());
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);

        // A browser gets the answer as a page it can read.
        var page = new HttpRequestMessage(HttpMethod.Get, "/signin");
        page.Headers.Add("X-Test-Client-Address", "192.0.2.40");
        page.Headers.Add("Accept", "text/html");
        var html = await anonymous.SendAsync(page);
        Assert.Equal(HttpStatusCode.TooManyRequests, html.StatusCode);
        Assert.Contains("Too many requests", await html.Content.ReadAsStringAsync());

        for (var i = 0; i < 30; i++)
            Assert.Equal(HttpStatusCode.OK, (await member.SendAsync(From("192.0.2.40", HttpMethod.Get, "/api/me"))).StatusCode);
    }
}
