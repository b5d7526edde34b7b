using System.Net;
using System.Net.Http.Json;
using TeamShare.IntegrationTests;

namespace TeamShare.BrowserTests;

/// <summary>A host that looks at the maintenance switch on every request, so a test sees a switch at once, without waiting.</summary>
public sealed class EveryRequestMaintenanceHost : HostProcess
{
    protected override IEnumerable<KeyValuePair<string, string>> Settings() => [new("TeamShare__MaintenanceCheckMilliseconds", "0")];
}

/// <summary>Issue 23: the commands an operator runs on the same binary, as real processes on a real data directory.</summary>
public sealed class OperatorCommandTests(EveryRequestMaintenanceHost host) : IClassFixture<EveryRequestMaintenanceHost>
{
    private Task<(int Exit, string Output)> RunAsync(params string[] args) => HostProcess.RunCommandAsync(host.DataDirectory, args);

    [Fact]
    public async Task Issue23_check_reads_every_content_back_and_exits_1_when_one_is_missing_while_the_server_runs()
    {
        using var api = await host.ApiAsync("mia@acme.test");
        var space = (await (await api.GetAsync("/api/spaces")).Json())[0].Id();
        var uploaded = await api.Upload(space, "kept.txt", new MemoryStream("kept by the check"u8.ToArray()));
        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);

        var (exit, output) = await RunAsync("check");
        Assert.True(exit == 0, output);
        Assert.Contains("0 missing, 0 damaged", output);

        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("kept by the check"u8.ToArray()));
        File.Delete(Path.Combine(host.DataDirectory, "blobs", sha[..2], sha[2..4], sha));
        (exit, output) = await RunAsync("check");
        Assert.Equal(1, exit);
        Assert.Contains($"missing  {sha}", output);
    }

    [Fact]
    public async Task Issue23_maintenance_on_gives_members_scripts_and_recipients_a_notice_while_operators_get_in_and_off_restores()
    {
        using var mia = await host.ApiAsync("mia@acme.test");
        using var olivia = await host.ApiAsync("olivia@acme.test");
        var space = (await (await mia.GetAsync("/api/spaces")).Json())[0].Id();
        var file = (await (await mia.Upload(space, "maintained.txt", new MemoryStream("kept"u8.ToArray()))).Json()).Id();
        var link = (await (await mia.PostAsJsonAsync("/api/shares", new { itemIds = new[] { file } })).Json()).GetProperty("url").GetString()!;
        using var browser = new HttpClient();
        browser.DefaultRequestHeaders.Accept.ParseAdd("text/html");

        try
        {
            var (exit, output) = await RunAsync("maintenance", "on");
            Assert.True(exit == 0, output);

            var api = await mia.GetAsync("/api/spaces");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, api.StatusCode);
            Assert.Equal("maintenance", (await api.Json()).GetProperty("reason").GetString());
            Assert.NotNull(api.Headers.RetryAfter);
            var page = await browser.GetAsync($"{host.BaseUrl}/files");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
            Assert.Contains("TeamShare is being maintained and will be back shortly.", await page.Content.ReadAsStringAsync());
            var recipient = await browser.GetAsync(link);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, recipient.StatusCode);
            Assert.Contains("Please try the link again later.", await recipient.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.OK, (await olivia.GetAsync("/api/spaces")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"{host.BaseUrl}/health/live")).StatusCode);
        }
        finally
        {
            var (exit, output) = await RunAsync("maintenance", "off");
            Assert.True(exit == 0, output);
        }
        Assert.Equal(HttpStatusCode.OK, (await mia.GetAsync("/api/spaces")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(link)).StatusCode);
    }

    [Fact]
    public async Task Issue23_resend_failed_mail_says_how_many_it_queued()
    {
        var (exit, output) = await RunAsync("resend-failed-mail");
        Assert.True(exit == 0, output);
        Assert.Contains("0 undeliverable mails queued again", output);
    }
}
