using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Mediator;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using TeamShare.Spaces.Contracts;

namespace TeamShare.Benchmarks;

/// <summary>
/// SP-8 on the hot path: the effective role of an item 1 and 15 folders deep, for a member of 1 and of 9 departments, as
/// kept since the last change in the team and as first asked after one, against a bare baseline (one primary-key SELECT on the same SQLite file). The ratios are the report.
/// </summary>
[MemoryDiagnoser]
public class EffectiveRoleBenchmarks
{
    private WebApplicationFactory<Program> _factory = null!;
    private IServiceProvider _services = null!;
    private SqliteConnection _bare = null!;
    private Guid _team, _mark, _shallow, _deep;
    private string _dataDirectory = null!;

    private sealed class Factory(string dataDirectory) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("TeamShare:DataDirectory", dataDirectory);
            builder.UseSetting("TeamShare:SeedDemo", "true");
            builder.UseSetting("TeamShare:ScheduleJobs", "false");
        }
    }

    [GlobalSetup]
    public async Task Setup()
    {
        _dataDirectory = Path.Combine(Path.GetTempPath(), "teamshare-bench", Guid.NewGuid().ToString("N"));
        _factory = new Factory(_dataDirectory);
        var client = _factory.CreateClient();
        async Task<HttpClient> As(string email)
        {
            var c = _factory.CreateClient();
            var token = await (await c.PostAsJsonAsync("/api/auth/tokens", new { email, password = "demo-Password1", name = "bench" })).Content.ReadFromJsonAsync<JsonElement>();
            c.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("token").GetString());
            return c;
        }
        var mia = await As("mia@acme.test");
        var me = await mia.GetFromJsonAsync<JsonElement>("/api/me");
        _team = me.GetProperty("teamId").GetGuid();
        var space = (await mia.GetFromJsonAsync<JsonElement>("/api/spaces"))[0].GetProperty("id").GetString();
        string? parent = null;
        for (var depth = 0; depth < 15; depth++)
        {
            var folder = await (await mia.PostAsJsonAsync($"/api/spaces/{space}/folders", new { name = $"level {depth}", parentId = parent })).Content.ReadFromJsonAsync<JsonElement>();
            parent = folder.GetProperty("id").GetString();
            if (depth == 0) _shallow = Guid.Parse(parent!);
        }
        _deep = Guid.Parse(parent!);
        _mark = (await (await As("mark@acme.test")).GetFromJsonAsync<JsonElement>("/api/me")).GetProperty("id").GetGuid();
        var admin = await As("adam@acme.test");
        for (var i = 0; i < 8; i++)
        {
            var d = await (await admin.PostAsJsonAsync("/api/admin/departments", new { name = $"Guild {i}" })).Content.ReadFromJsonAsync<JsonElement>();
            await admin.PutAsync($"/api/admin/departments/{d.GetProperty("id").GetString()}/members/{_mark}", null);
        }
        _services = _factory.Services;
        _bare = new SqliteConnection($"Data Source={Path.Combine(_dataDirectory, "teamshare.db")}");
        await _bare.OpenAsync();
        client.Dispose();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _bare.Dispose();
        _factory.Dispose();
    }

    [Benchmark(Baseline = true, Description = "bare SELECT by primary key")]
    public async Task<object?> Baseline()
    {
        await using var command = _bare.CreateCommand();
        command.CommandText = "SELECT Name FROM spaces_items WHERE Id = $id";
        command.Parameters.AddWithValue("$id", _deep.ToString().ToUpperInvariant());
        return await command.ExecuteScalarAsync();
    }

    [Benchmark(Description = "role, depth 1")]
    public async Task<ItemAccess?> Shallow() => await Role(_shallow);

    [Benchmark(Description = "role, depth 15, 9 departments")]
    public async Task<ItemAccess?> Deep() => await Role(_deep);

    /// <summary>The answer is kept until the team changes (issue 24, B4): this is the first check after a change.</summary>
    [Benchmark(Description = "role, depth 15, 9 departments, first after a change")]
    public async Task<ItemAccess?> DeepAfterAChange()
    {
        _services.GetRequiredService<TeamShare.SharedKernel.Caching.ChangeFeed>().ChangedAll();
        return await Role(_deep);
    }

    private async Task<ItemAccess?> Role(Guid item)
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new GetItemAccess(_mark, _team, item));
    }
}
