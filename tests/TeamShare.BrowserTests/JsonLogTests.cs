using System.Net;
using System.Text.Json;
using TeamShare.IntegrationTests;

namespace TeamShare.BrowserTests;

/// <summary>A host whose blobs live on a 4 MB tmpfs (the test command runs as root, or with sudo, which may mount one).</summary>
public sealed class SmallDiskHost : HostProcess
{
    private SmallDisk? _disk;

    protected override IEnumerable<KeyValuePair<string, string>> Settings() =>
        [new("TeamShare__BlobDirectory", _disk!.Path), new("TeamShare__Blobs__MinFreeMegabytes", "1")];

    public override async Task InitializeAsync()
    {
        _disk = new SmallDisk();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _disk?.Dispose();
    }
}

/// <summary>Issue 23: the server logs JSON lines, and the trace id a user sees in an error answer finds its line.</summary>
public sealed class JsonLogTests(SmallDiskHost host) : IClassFixture<SmallDiskHost>
{
    [Fact]
    public async Task Issue23_every_log_line_is_json_and_a_507s_trace_id_finds_the_line_that_explains_it()
    {
        using var api = await host.ApiAsync("mia@acme.test");
        var space = (await (await api.GetAsync("/api/spaces")).Json())[0].Id();
        var full = await api.Upload(space, "too-big.bin", new MemoryStream(new byte[6 << 20]));
        Assert.Equal(HttpStatusCode.InsufficientStorage, full.StatusCode);
        var traceId = (await full.Json()).GetProperty("traceId").GetString()!;

        host.StopGracefully();
        var lines = host.Output.Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.NotEmpty(lines);
        var explained = Assert.Single(lines, l => l.TryGetProperty("traceId", out var id) && id.GetString() == traceId);
        Assert.Equal("Error", explained.GetProperty("level").GetString());
        Assert.Equal("Storage full", explained.GetProperty("message").GetString());
        Assert.Contains("No space left on device", explained.GetProperty("exception").GetString());
    }
}
