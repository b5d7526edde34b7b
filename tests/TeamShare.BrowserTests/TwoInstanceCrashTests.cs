using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using TeamShare.IntegrationTests;
using Xunit.Abstractions;

namespace TeamShare.BrowserTests;

/// <summary>Issue 9: an instance killed with kill -9 in the middle of a mail batch loses no mail; the other one sends the rest.</summary>
[StartsEarly("Waits about a minute for a killed instance's lease to lapse and the other's sweep to send the rest.")]
public sealed class TwoInstanceCrashTests(TwoInstances two, ITestOutputHelper output) : IClassFixture<TwoInstances>
{
    [Fact]
    public async Task SH9_Scale_an_instance_killed_mid_batch_loses_no_mail_the_other_sends_the_rest()
    {
        var client = new HttpClient { BaseAddress = new Uri(two.A.BaseUrl) };
        var login = await client.PostAsJsonAsync("/api/auth/tokens", new { email = "olivia@acme.test", password = "demo-Password1", name = "crash" });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await login.Json()).GetProperty("token").GetString());
        var settings = JsonSerializer.Deserialize<Dictionary<string, object?>>((await (await client.GetAsync("/api/admin/policy")).Json()).GetProperty("settings").GetRawText())!;
        settings["emailMode"] = "anyone";
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync("/api/admin/policy", new { settings })).StatusCode);
        var item = (await client.UploadOk((await client.PersonalSpace()).Id(), "crash.txt", "plan"u8.ToArray())).Id();
        var addresses = Enumerable.Range(0, 50).Select(i => $"crash{i}@partner.example").ToArray();
        var response = await client.PostAsJsonAsync($"/api/items/{item}/invitations", new
        {
            recipients = addresses.Select(a => new { kind = "external", email = a }).ToArray(),
            role = "viewer", acknowledgeExternal = true, externalExpiryDays = 7,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);

        // Kill A as soon as its job server has started on the batch (or at once, if B took it): whatever A held, B must send.
        var started = DateTime.UtcNow;
        while (two.Smtp.Messages().Count == 0 && DateTime.UtcNow - started < TimeSpan.FromSeconds(30)) await Task.Delay(20);
        two.A.KillHard();
        var sentBeforeKill = two.Smtp.Messages().Count;

        // A's claim on the rest lapses with its lease (20 s here, 2 minutes by default); B's minute sweep then sends them.
        var deadline = DateTime.UtcNow.AddMinutes(5);
        while (addresses.Any(a => two.Smtp.MessagesTo(a).Count == 0) && DateTime.UtcNow < deadline) await Task.Delay(1000);
        var counts = addresses.Select(a => two.Smtp.MessagesTo(a).Count).ToList();
        output.WriteLine($"{sentBeforeKill} sent before kill -9; after: {counts.Count(c => c == 1)} once, {counts.Count(c => c > 1)} twice or more, " +
                         $"{counts.Count(c => c == 0)} lost; {(DateTime.UtcNow - started).TotalSeconds:F0} s in all");
        Assert.All(counts, c => Assert.True(c >= 1, "a mail was lost"));
        // At most the one message A was handing to SMTP when it died can go twice (same Message-ID, so mail clients fold it).
        Assert.True(counts.Count(c => c > 1) <= 1);
    }
}
