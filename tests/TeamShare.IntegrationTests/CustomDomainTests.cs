using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using TeamShare.Links.Data;

namespace TeamShare.IntegrationTests;

/// <summary>
/// LK-9/LK-10 and issue 14 finding 11: a custom link domain is used, and raises the daily cap, only once the team proved it
/// controls it with a DNS TXT record (a real DNS server, dnsmasq); a proven domain belongs to one team.
/// </summary>
public sealed class CustomDomainTests : IDisposable
{
    private readonly DnsServer _dns = new();
    private readonly TeamShareFactory _factory;

    public CustomDomainTests() => _factory = new TeamShareFactory { DnsServer = _dns.Endpoint };

    public void Dispose()
    {
        _factory.Dispose();
        _dns.Dispose();
    }

    private static async Task<(string Name, string Value)> RecordOf(HttpResponseMessage response)
    {
        var settings = await response.Json();
        Assert.Equal("pending", settings.GetProperty("domainStatus").GetString());
        return (settings.GetProperty("verificationName").GetString()!, settings.GetProperty("verificationValue").GetString()!);
    }

    [Fact]
    public async Task LK9_LK10_the_501st_share_of_a_day_is_refused_until_a_verified_custom_domain_raises_the_cap_and_links_use_it()
    {
        var gary = await _factory.ClientForAsync("gary@globex.test");
        var teamId = Guid.Parse((await (await gary.GetAsync("/api/me")).Json()).GetProperty("teamId").GetString()!);
        var garyId = await gary.UserIdAsync();
        using (var scope = _factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LinksDbContext>();
            var now = _factory.Clock.GetUtcNow().UtcDateTime;
            db.Links.AddRange(Enumerable.Range(0, 500).Select(i => new Link
            {
                Id = Guid.CreateVersion7(), TeamId = teamId, OwnerUserId = garyId, Name = $"bulk {i}",
                TokenHash = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32), CreatedAt = now,
            }));
            await db.SaveChangesAsync();
        }
        var item = (await gary.UploadOk((await gary.PersonalSpace()).Id(), "cap.txt", "x"u8.ToArray())).Id();
        async Task<HttpStatusCode> ShareStatus() => (await gary.PostAsJsonAsync("/api/shares", new { itemIds = new[] { item } })).StatusCode;
        var refused = await gary.PostAsJsonAsync("/api/shares", new { itemIds = new[] { item } });
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("daily_cap_reached", (await refused.Json()).GetProperty("reason").GetString());

        var noDomain = await gary.PutAsJsonAsync("/api/admin/links", new { customDomain = (string?)null, dailyCap = 2000 });
        Assert.True((await noDomain.Json()).GetProperty("errors").TryGetProperty("dailyCap", out _));
        var badDomain = await gary.PutAsJsonAsync("/api/admin/links", new { customDomain = "https://x/y", dailyCap = 2000 });
        Assert.True((await badDomain.Json()).GetProperty("errors").TryGetProperty("customDomain", out _));

        // Set, but not proven: links keep the server's address and the cap stays 500.
        var (name, value) = await RecordOf(await gary.PutAsJsonAsync("/api/admin/links", new { customDomain = "files.globex.example", dailyCap = 2000 }));
        Assert.Equal("_teamshare.files.globex.example", name);
        Assert.StartsWith("teamshare-verification=", value);
        Assert.Equal(HttpStatusCode.TooManyRequests, await ShareStatus());

        _dns.Start();
        var missing = await gary.PostAsync("/api/admin/links/verify", null);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, missing.StatusCode);
        var why = (await missing.Json()).GetProperty("errors").GetProperty("customDomain")[0].GetString();
        Assert.Contains("_teamshare.files.globex.example", why);

        _dns.Start((name, value));
        var verified = await (await gary.PostAsync("/api/admin/links/verify", null)).Json();
        Assert.Equal("verified", verified.GetProperty("domainStatus").GetString());
        Assert.Equal(2000, verified.GetProperty("effectiveDailyCap").GetInt32());

        var share = await gary.ShareOk(new { itemIds = new[] { item } });
        Assert.StartsWith("https://files.globex.example/s/", share.GetProperty("url").GetString());
        var qr = await gary.GetByteArrayAsync(share.GetProperty("qrCodeUrl").GetString());
        var file = Path.Combine(_factory.DataDirectory, "domain-qr.png");
        await File.WriteAllBytesAsync(file, qr);
        Assert.StartsWith("https://files.globex.example/q/", await ShareLinkTests.Zbarimg(file));
    }

    [Fact]
    public async Task LK10_a_domain_belongs_to_the_team_that_proved_it_and_an_unproven_claim_blocks_nobody()
    {
        const string domain = "docs.shared.example";
        var adam = await _factory.ClientForAsync("adam@acme.test");
        var gary = await _factory.ClientForAsync("gary@globex.test");
        var (acmeName, _) = await RecordOf(await adam.PutAsJsonAsync("/api/admin/links", new { customDomain = domain, dailyCap = 500 }));
        // Acme's claim does not stop Globex, which owns the domain, from claiming it too.
        var (name, globexValue) = await RecordOf(await gary.PutAsJsonAsync("/api/admin/links", new { customDomain = domain, dailyCap = 500 }));
        Assert.Equal(acmeName, name);

        // The admin console shows the record to add; its Verify button says what is missing.
        var browser = await Browsers.SignedInAsync(_factory, "adam@acme.test");
        var page = await browser.GetStringAsync("/admin/links");
        Assert.Contains("_teamshare.docs.shared.example", page);
        Assert.Contains("Not verified yet", page);

        _dns.Start((name, globexValue));
        var verify = await browser.PostAsync("/admin/links?handler=Verify", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Browsers.FormToken(page),
        }));
        Assert.Equal(HttpStatusCode.Redirect, verify.StatusCode);
        Assert.Contains("No TXT record", await browser.GetStringAsync("/admin/links"));
        Assert.Equal("verified", (await (await gary.PostAsync("/api/admin/links/verify", null)).Json()).GetProperty("domainStatus").GetString());
        var taken = await adam.PostAsync("/api/admin/links/verify", null);
        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        Assert.True((await taken.Json()).GetProperty("errors").TryGetProperty("customDomain", out _));
        Assert.Equal(HttpStatusCode.Conflict, (await adam.PutAsJsonAsync("/api/admin/links", new { customDomain = domain, dailyCap = 500 })).StatusCode);

        // Acme's links keep the server's address.
        var mia = await _factory.ClientForAsync("mia@acme.test");
        var item = (await mia.UploadOk((await mia.PersonalSpace()).Id(), "mine.txt", "x"u8.ToArray())).Id();
        Assert.DoesNotContain(domain, (await mia.ShareOk(new { itemIds = new[] { item } })).GetProperty("url").GetString());
    }
}
