using System.Net;
using System.Net.Http.Json;

namespace TeamShare.IntegrationTests;

/// <summary>
/// Issue 14 finding 10: throttles hold under parallel guesses. A guess is counted before its password is hashed, so 40 at
/// once get no more tries than 5 one after another (on one instance or several: the count is in the database).
/// </summary>
public sealed class ThrottleRaceTests(TeamShareFactory factory) : IClassFixture<TeamShareFactory>
{
    private static HttpRequestMessage From(string address, string url, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        request.Headers.Add("X-Test-Client-Address", address);
        request.Headers.Add("Accept", "application/json");
        return request;
    }

    [Fact]
    public async Task LK11_forty_parallel_wrong_link_passwords_reach_the_hash_at_most_five_times()
    {
        var mia = await factory.ClientForAsync("mia@acme.test");
        var item = (await mia.UploadOk((await mia.PersonalSpace()).Id(), $"race-{Guid.NewGuid():N}.txt", "x"u8.ToArray())).Id();
        var token = Api.TokenOf((await mia.ShareOk(new { itemIds = new[] { item }, password = "Abc123" })).GetProperty("url").GetString()!);
        var visitor = factory.Client(cookies: false);
        var answers = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => visitor.SendAsync(From("10.40.0.1", $"/s/{token}/unlock", new { password = "wrong1" }))));
        var tried = answers.Count(a => a.StatusCode == HttpStatusCode.Unauthorized);
        // Never more than 5 reach the hash; under a flood all may be refused before hashing, which is the safe side.
        Assert.InRange(tried, 0, 5);
        Assert.Equal(40 - tried, answers.Count(a => a.StatusCode == HttpStatusCode.TooManyRequests));
        // Still throttled afterwards, even with the right password.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await visitor.SendAsync(From("10.40.0.1", $"/s/{token}/unlock", new { password = "Abc123" }))).StatusCode);
    }

    [Fact]
    public async Task ID8_forty_parallel_wrong_sign_ins_reach_the_hash_at_most_five_times()
    {
        var client = factory.Client(cookies: false);
        var answers = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ =>
            client.SendAsync(From("10.40.0.2", "/api/auth/tokens", new { email = "eve@acme.test", password = "wrong-Password1", name = "race" }))));
        var tried = answers.Count(a => a.StatusCode == HttpStatusCode.Unauthorized);
        // Never more than 5 reach the hash; under a flood all may be refused before hashing, which is the safe side.
        Assert.InRange(tried, 0, 5);
        Assert.Equal(40 - tried, answers.Count(a => a.StatusCode == HttpStatusCode.TooManyRequests));
        // Still refused afterwards, even with the right password: a flood refused whole still closes the address.
        var right = await client.SendAsync(From("10.40.0.2", "/api/auth/tokens", new { email = "eve@acme.test", password = TeamShareFactory.Password, name = "race" }));
        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
    }

    [Fact]
    public async Task LK11_an_ipv6_visitor_is_counted_by_its_64_so_new_addresses_do_not_buy_new_guesses()
    {
        var mia = await factory.ClientForAsync("mia@acme.test");
        var item = (await mia.UploadOk((await mia.PersonalSpace()).Id(), $"v6-{Guid.NewGuid():N}.txt", "x"u8.ToArray())).Id();
        var token = Api.TokenOf((await mia.ShareOk(new { itemIds = new[] { item }, password = "Abc123" })).GetProperty("url").GetString()!);
        var visitor = factory.Client(cookies: false);
        for (var i = 1; i <= 5; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await visitor.SendAsync(From($"2001:db8:40:1::{i:x}", $"/s/{token}/unlock", new { password = "wrong1" }))).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await visitor.SendAsync(From("2001:db8:40:1:ffff::9", $"/s/{token}/unlock", new { password = "Abc123" }))).StatusCode);
        // The next /64 is another subscriber.
        Assert.Equal(HttpStatusCode.NoContent, (await visitor.SendAsync(From("2001:db8:40:2::1", $"/s/{token}/unlock", new { password = "Abc123" }))).StatusCode);
    }
}
