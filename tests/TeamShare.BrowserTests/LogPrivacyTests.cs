using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace TeamShare.BrowserTests;

/// <summary>TeamShare started from a folder without appsettings.json: only its built-in defaults apply.</summary>
public sealed class HostWithoutSettings : HostProcess
{
    public string EmptyContentRoot { get; } = Directory.CreateTempSubdirectory("teamshare-no-settings").FullName;

    protected override string ContentRoot(string hostDirectory) => EmptyContentRoot;

    // A first start on an empty directory, the README's way: its migration logs fall under the same defaults.
    protected override bool FromTemplate => false;
}

public sealed class LogPrivacyTests(HostWithoutSettings host) : IClassFixture<HostWithoutSettings>
{
    [Fact]
    public async Task LK7_link_tokens_never_reach_the_log_even_without_appsettings_json()
    {
        Assert.False(File.Exists(Path.Combine(host.EmptyContentRoot, "appsettings.json")));
        using var api = await host.ApiAsync("mia@acme.test");
        var space = (await api.GetFromJsonAsync<JsonElement>("/api/spaces"))[0].GetProperty("id").GetString();
        using var form = new MultipartFormDataContent { { new StringContent("secret plans"), "file", "plans.txt" } };
        var item = (await (await api.PostAsync($"/api/spaces/{space}/files", form)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var url = (await (await api.PostAsJsonAsync("/api/shares", new { itemIds = new[] { item } })).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("url").GetString()!;
        var token = url[(url.LastIndexOf("/s/", StringComparison.Ordinal) + 3)..];

        using var visitor = new HttpClient();
        Assert.True((await visitor.GetAsync(url)).IsSuccessStatusCode);
        Assert.True((await visitor.GetAsync($"{url}/items/{item}/download")).IsSuccessStatusCode);
        // A graceful stop flushes the console logger, so every line the requests caused is in the output when it returns.
        host.StopGracefully();
        Assert.NotEmpty(host.Output);
        Assert.DoesNotContain(host.Output, line => line.Contains(token));
    }
}
