using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace TeamShare.BrowserTests;

/// <summary>
/// TeamShare as a real process on a free loopback port, with its own data directory and the demo teams, started the way
/// the README's run command starts it. Stopped and cleaned up after the tests of a class.
/// </summary>
public class HostProcess : IAsyncLifetime
{
    private Process? _process;
    public string DataDirectory { get; init; } = Path.Combine(Path.GetTempPath(), "teamshare-browser", Guid.NewGuid().ToString("N"));
    public string BaseUrl { get; private set; } = "";

    /// <summary>Extra settings for the process, as environment variables.</summary>
    protected virtual IEnumerable<KeyValuePair<string, string>> Settings() => [];

    /// <summary>Where the process looks for appsettings.json and wwwroot; the host's project folder, as the run command has it.</summary>
    protected virtual string ContentRoot(string hostDirectory) => hostDirectory;

    /// <summary>Everything the process wrote to its console, line by line.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> Output { get; } = new();

    /// <summary>False for a host that starts on an empty data directory, migrating its database as a first start does.</summary>
    protected virtual bool FromTemplate => true;

    private bool _seedDemo = true;

    /// <summary>
    /// Issue 26.5: migrating an empty database took 1.5 s of CPU in each of ~30 host starts a run. One host per test process
    /// migrates one (nothing seeded), and every other host starts on a copy of it, as a restart finds its database: current,
    /// so the migrator is skipped, then seeded. <see cref="HostWithoutSettings"/> and the two-instance hosts still start empty.
    /// </summary>
    private static readonly Lazy<Task<string>> MigratedDatabase = new(async () =>
    {
        var template = new HostProcess { _seedDemo = false };
        await template.StartAsync(fromTemplate: false);
        template.StopGracefully();
        var file = TeamShare.IntegrationTests.TestDatabase.SnapshotSqlite(template.DataDirectory);
        await template.DisposeAsync();
        return file;
    });

    public virtual Task InitializeAsync() => StartAsync(FromTemplate && !Settings().Any(s => s.Key == "TeamShare__Database__Provider"));

    private async Task StartAsync(bool fromTemplate)
    {
        if (fromTemplate && Path.Combine(DataDirectory, "teamshare.db") is var database && !File.Exists(database))
        {
            Directory.CreateDirectory(DataDirectory);
            File.Copy(await MigratedDatabase.Value, database);
        }
        var (dll, hostDirectory) = HostBinary();
        BaseUrl = $"http://127.0.0.1:{TeamShare.IntegrationTests.SmtpServer.FreePort()}";

        var start = new ProcessStartInfo("dotnet", [dll, "--urls", BaseUrl, "--contentRoot", ContentRoot(hostDirectory)])
        {
            WorkingDirectory = hostDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["TeamShare__DataDirectory"] = DataDirectory;
        start.Environment["TeamShare__SeedDemo"] = _seedDemo ? "true" : "false";
        start.Environment["TeamShare__Operators__0"] = "olivia@acme.test";
        // Every browser test signs in from 127.0.0.1; the limits themselves are checked by RateLimitTests.
        start.Environment["TeamShare__RateLimits__CredentialPerMinute"] = "100000";
        start.Environment["TeamShare__RateLimits__AnonymousPerMinute"] = "100000";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        ShortLived(start);
        foreach (var (key, value) in Settings()) start.Environment[key] = value;
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) Output.Enqueue(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Output.Enqueue(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"TeamShare exited with code {_process.ExitCode}.");
            try
            {
                if ((await http.GetAsync($"{BaseUrl}/health/ready")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { /* not listening yet */ }
            await Task.Delay(250);
        }
        throw new TimeoutException("TeamShare did not become ready within 60 seconds.");
    }

    public virtual Task DisposeAsync()
    {
        if (_process is { HasExited: false }) _process.Kill(entireProcessTree: true);
        _process?.WaitForExit(10_000);
        _process?.Dispose();
        try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { }
        return Task.CompletedTask;
    }

    /// <summary>
    /// One of the operator's commands (<c>check</c>, <c>backup</c>, <c>maintenance on</c> …) on the same binary, against a data
    /// directory, as a separate process: its exit code and everything it printed.
    /// </summary>
    public static Task<(int Exit, string Output)> RunCommandAsync(string dataDirectory, params string[] args) =>
        RunCommandAsync(dataDirectory, [], args);

    /// <summary>An operator command on the host's binary, with the deployment's <paramref name="settings"/> (environment variables).</summary>
    public static async Task<(int Exit, string Output)> RunCommandAsync(string dataDirectory, IEnumerable<KeyValuePair<string, string>> settings,
        params string[] args)
    {
        var (dll, directory) = HostBinary();
        var start = new ProcessStartInfo("dotnet", [dll, .. args]) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["TeamShare__DataDirectory"] = dataDirectory;
        foreach (var (key, value) in settings) start.Environment[key] = value;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        ShortLived(start);
        using var process = Process.Start(start)!;
        var printed = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(limit.Token);
        return (process.ExitCode, await printed + await errors);
    }

    /// <summary>
    /// Issue 26.5: a test's host lives for seconds, and recompiling its start-up code at the runtime's optimising tier cost
    /// 1.8 s of CPU after each first start (5.6 s in all, 3.7 s without), a third of every host start on the two-core
    /// machine. Its code stays at the quick first tier instead: how it is compiled, not what it does. Not for the in-process
    /// integration tests, whose one long-lived process runs far slower without the optimising tier.
    /// </summary>
    private static void ShortLived(ProcessStartInfo start) => start.Environment["DOTNET_TC_CallCounting"] = "0";

    /// <summary>The built host (the same configuration as the tests) and its content root.</summary>
    public static (string Dll, string Directory) HostBinary()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";
        var hostDirectory = Path.Combine(RepositoryRoot(), "host", "TeamShare.Host");
        return (Path.Combine(hostDirectory, "bin", configuration, "net10.0", "TeamShare.Host.dll"), hostDirectory);
    }

    /// <summary>An API client of this host for a demo account, signed in with a fresh personal access token, as a script would be.</summary>
    public async Task<HttpClient> ApiAsync(string email)
    {
        var api = new HttpClient { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromMinutes(5) };
        var created = await (await api.PostAsJsonAsync("/api/auth/tokens", new { email, password = "demo-Password1", name = "browser tests" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", created.GetProperty("token").GetString());
        return api;
    }

    /// <summary>SIGTERM and wait: the host shuts down gracefully, so everything it logged has reached <see cref="Output"/>.</summary>
    public void StopGracefully()
    {
        if (_process is { HasExited: false }) Process.Start("kill", ["-TERM", _process.Id.ToString()])!.WaitForExit();
        // Without a timeout, WaitForExit also waits until the redirected output has been read to its end.
        _process?.WaitForExit();
    }

    /// <summary>kill -9: the process dies at once, mid-request or mid-job, with no shutdown of any kind.</summary>
    public void KillHard()
    {
        if (_process is { HasExited: false }) Process.Start("kill", ["-9", _process.Id.ToString()])!.WaitForExit();
        _process?.WaitForExit(10_000);
    }

    /// <summary>The host process's peak resident set size (VmHWM), in bytes.</summary>
    public long PeakResidentBytes() => StatusBytes("VmHWM:");

    /// <summary>The host process's resident set size now (VmRSS), in bytes.</summary>
    public long ResidentBytes() => StatusBytes("VmRSS:");

    /// <summary>Starts the peak over from the present size (Linux: "5" to clear_refs), so a test measures only what follows.</summary>
    public void ResetPeakResident() => File.WriteAllText($"/proc/{_process!.Id}/clear_refs", "5");

    private long StatusBytes(string field)
    {
        var line = File.ReadLines($"/proc/{_process!.Id}/status").First(l => l.StartsWith(field));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "TeamShare.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("TeamShare.sln not found above the test assembly.");
    }
}
