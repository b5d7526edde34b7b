using System.Diagnostics;

namespace TeamShare.BrowserTests;

/// <summary>
/// Issue 23: a mistyped setting stops a real start with exit code 78 and one line naming the key and what is wrong, never a
/// stack trace, and never a start on something else (an unknown provider used to run on a local SQLite file).
/// </summary>
public sealed class SettingsCheckTests
{
    [Theory]
    [InlineData("TeamShare__Database__Provider", "postgresql", "TeamShare:Database:Provider is \"postgresql\"; it must be sqlite or postgres.")]
    [InlineData("TeamShare__PublicBaseUrl", "files.example.org", "TeamShare:PublicBaseUrl is \"files.example.org\"; it must be an absolute http or https address")]
    [InlineData("TeamShare__Outbound__AllowedNetworks__0", "banana", "TeamShare:Outbound:AllowedNetworks:0 is \"banana\"; it must be a network in CIDR form")]
    [InlineData("TeamShare__RateLimits__AnonymousPerMinute", "-5", "TeamShare:RateLimits:AnonymousPerMinute is -5; it must be at least 1.")]
    [InlineData("TeamShare__TrustedProxies__0", "banana", "TeamShare:TrustedProxies:0 is \"banana\"; it must be an IP address.")]
    [InlineData("TeamShare__Keys__CertificatePath", "/nowhere/keys.pfx", "TeamShare:Keys:CertificatePath is \"/nowhere/keys.pfx\"; it cannot be read as a PKCS#12 file")]
    [InlineData("TeamShare__Smtp__From", "TeamShare notifications", "TeamShare:Smtp:From is \"TeamShare notifications\"; it must be an address")]
    [InlineData("TeamShare__MaxUploadBytes", "lots", "'TeamShare:MaxUploadBytes'")]
    [InlineData("TeamShare__Previews__Concurrency", "0", "TeamShare:Previews:Concurrency is 0; it must be at least 1.")]
    [InlineData("TeamShare__Blobs__GracePeriod", "00:00:05", "TeamShare:Blobs:GracePeriod is 00:00:05; it must be at least 00:01:00.")]
    [InlineData("TeamShare__Blobs__Provider", "minio", "TeamShare:Blobs:Provider is \"minio\"; it must be filesystem or s3.")]
    // Under a file, so the directory cannot be made even by root (the tests may run as root, who ignores permissions).
    [InlineData("TeamShare__DataDirectory", "/etc/hostname/data", "TeamShare:DataDirectory is \"/etc/hostname/data\"; it cannot be written")]
    public async Task Issue23_a_mistyped_setting_stops_the_start_with_one_line_naming_the_key(string variable, string value, string expected)
    {
        var (exitCode, lines) = await StartAsync(new() { [variable] = value });

        Assert.Equal(78, exitCode);
        var line = Assert.Single(lines, l => l.StartsWith("TeamShare cannot start: ", StringComparison.Ordinal));
        Assert.Contains(expected, line);
        Assert.DoesNotContain(lines, l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal) || l.Contains("Unhandled exception"));
    }

    [Fact]
    public async Task Issue23_an_unreachable_database_stops_the_start_after_the_bounded_wait_naming_the_connection_string()
    {
        var port = TeamShare.IntegrationTests.SmtpServer.FreePort();
        var (exitCode, lines) = await StartAsync(new()
        {
            ["TeamShare__Database__Provider"] = "postgres",
            ["ConnectionStrings__TeamShare"] = $"Host=127.0.0.1;Port={port};Username=postgres;Password=secret-Word;Database=teamshare",
            ["TeamShare__Database__StartWaitSeconds"] = "2",
        });

        Assert.Equal(78, exitCode);
        var line = Assert.Single(lines, l => l.StartsWith("TeamShare cannot start: ", StringComparison.Ordinal));
        Assert.Contains("ConnectionStrings:TeamShare: the PostgreSQL server did not answer", line);
        Assert.DoesNotContain(lines, l => l.Contains("secret-Word") || l.TrimStart().StartsWith("at ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Issue26_an_unreachable_S3_store_or_a_bad_bucket_name_stops_the_start_naming_the_key_and_never_the_secret()
    {
        var port = TeamShare.IntegrationTests.SmtpServer.FreePort();
        Dictionary<string, string> s3 = new()
        {
            ["TeamShare__Blobs__Provider"] = "s3", ["TeamShare__Blobs__S3__Endpoint"] = $"http://127.0.0.1:{port}",
            ["TeamShare__Blobs__S3__Bucket"] = "teamshare", ["TeamShare__Blobs__S3__AccessKey"] = "key",
            ["TeamShare__Blobs__S3__SecretKey"] = "secret-Word",
        };
        var (exitCode, lines) = await StartAsync(s3);
        Assert.Equal(78, exitCode);
        var line = Assert.Single(lines, l => l.StartsWith("TeamShare cannot start: ", StringComparison.Ordinal));
        Assert.Contains($"TeamShare:Blobs:S3:Endpoint: the S3 store at http://127.0.0.1:{port} did not answer", line);
        Assert.DoesNotContain(lines, l => l.Contains("secret-Word") || l.TrimStart().StartsWith("at ", StringComparison.Ordinal));

        s3["TeamShare__Blobs__S3__Bucket"] = "Team_Share";
        (exitCode, lines) = await StartAsync(s3);
        Assert.Equal(78, exitCode);
        Assert.Contains(lines, l => l.Contains("TeamShare:Blobs:S3:Bucket is \"Team_Share\"; it must be a bucket name"));
    }

    private static async Task<(int ExitCode, List<string> Lines)> StartAsync(Dictionary<string, string> settings)
    {
        var (dll, hostDirectory) = HostProcess.HostBinary();
        var data = Path.Combine(Path.GetTempPath(), "teamshare-settings", Guid.NewGuid().ToString("N"));
        var start = new ProcessStartInfo("dotnet", [dll, "--urls", $"http://127.0.0.1:{TeamShare.IntegrationTests.SmtpServer.FreePort()}"])
        {
            WorkingDirectory = hostDirectory, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        start.Environment["TeamShare__DataDirectory"] = data;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in settings) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try { await process.WaitForExitAsync(limit.Token); }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("TeamShare started (or hung) instead of refusing the setting.");
        }
        finally
        {
            try { Directory.Delete(data, recursive: true); } catch (IOException) { }
        }
        var lines = ((await output) + "\n" + (await errors)).Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
        return (process.ExitCode, lines);
    }
}
