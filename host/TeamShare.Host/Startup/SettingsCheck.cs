using System.Net;
using Npgsql;
using TeamShare.SharedKernel.Data;
using TeamShare.SharedKernel.Modules;
using TeamShare.SharedKernel.Text;

namespace TeamShare.Host.Startup;

/// <summary>
/// Issue 23: a mistyped setting stops the start with one line naming the key, before anything is registered, migrated or
/// written. Unknown providers ran on a local SQLite file, scheme-less public URLs made links without a scheme, and bad
/// addresses either started anyway or ended in a stack trace.
/// </summary>
internal static class SettingsCheck
{
    /// <summary>Every problem found, one sentence each starting with its key; empty when the host may start.</summary>
    public static IReadOnlyList<string> Problems(IConfiguration configuration)
    {
        List<string> problems = [];
        if (Settings.Bind<TeamShareOptions>(configuration, TeamShareOptions.Section, problems) is { } options)
        {
            Database(configuration, options.Database, problems);
            Blobs(options.Blobs, problems);
            Addresses(options, problems);
            Limits(options, problems);
            if (KeyProtection.Problem(options) is { } keys) problems.Add(keys);
            Writable("TeamShare:DataDirectory", options.DataDirectory, () => options.FullDataDirectory, problems);
            if (options.BlobDirectory is not null)
                Writable("TeamShare:BlobDirectory", options.BlobDirectory, () => options.FullBlobDirectory, problems);
        }
        foreach (var module in Modules.All) problems.AddRange(module.CheckSettings(configuration));
        return problems;
    }

    private static void Database(IConfiguration configuration, DatabaseOptions database, List<string> problems)
    {
        if (!database.IsPostgres && !string.Equals(database.Provider, DatabaseOptions.Sqlite, StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"TeamShare:Database:Provider is \"{database.Provider}\"; it must be sqlite or postgres.");
            return;
        }
        if (!database.IsPostgres) return;
        var connection = configuration.GetConnectionString(ModuleDatabaseRegistration.ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connection))
        {
            problems.Add("ConnectionStrings:TeamShare is not set; PostgreSQL (TeamShare:Database:Provider postgres) needs it.");
            return;
        }
        try { _ = new NpgsqlConnectionStringBuilder(connection); }
        // The message names the part that is wrong; the connection string itself may hold a password, so it is not repeated.
        catch (ArgumentException e) { problems.Add($"ConnectionStrings:TeamShare is not a PostgreSQL connection string: {e.Message}"); }
    }

    private static void Blobs(BlobOptions blobs, List<string> problems)
    {
        if (!blobs.IsS3 && !string.Equals(blobs.Provider, BlobOptions.FileSystem, StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"TeamShare:Blobs:Provider is \"{blobs.Provider}\"; it must be filesystem or s3.");
            return;
        }
        if (!blobs.IsS3) return;
        var s3 = blobs.S3;
        // S3's own rule for bucket names (3-63 lower-case letters, digits, dots and hyphens), so a typo is named here, not by the SDK.
        if (s3.Bucket.Length is < 3 or > 63 || !s3.Bucket.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '-')
            || !char.IsAsciiLetterOrDigit(s3.Bucket[0]) || !char.IsAsciiLetterOrDigit(s3.Bucket[^1]))
            problems.Add($"TeamShare:Blobs:S3:Bucket is \"{s3.Bucket}\"; it must be a bucket name: 3 to 63 lower-case letters, digits, dots or hyphens.");
        if (s3.Endpoint is { Length: > 0 } endpoint
            && (!Uri.TryCreate(endpoint, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("http" or "https")))
            problems.Add($"TeamShare:Blobs:S3:Endpoint is \"{endpoint}\"; it must be an absolute http or https address, e.g. http://minio:9000.");
        if (string.IsNullOrEmpty(s3.AccessKey) != string.IsNullOrEmpty(s3.SecretKey))
            problems.Add("TeamShare:Blobs:S3:SecretKey and AccessKey go together: set both, or neither to use the SDK's own credentials.");
        Settings.AtLeast(problems, "TeamShare:Blobs:S3:PartMegabytes", s3.PartMegabytes, 5);
    }

    private static void Addresses(TeamShareOptions options, List<string> problems)
    {
        if (options.PublicBaseUrl is { Length: > 0 } url
            && (!Uri.TryCreate(url, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("http" or "https")
                || parsed.Query.Length > 0 || parsed.Fragment.Length > 0))
            problems.Add($"TeamShare:PublicBaseUrl is \"{url}\"; it must be an absolute http or https address, e.g. https://files.example.org.");
        Each(problems, "TeamShare:TrustedProxies", options.TrustedProxies, p => IPAddress.TryParse(p, out _), "an IP address");
        Each(problems, "TeamShare:Outbound:AllowedNetworks", options.Outbound.AllowedNetworks, n => IPNetwork.TryParse(n, out _),
            "a network in CIDR form, e.g. 10.0.0.5/32");
        Each(problems, "TeamShare:Outbound:DnsServers", options.Outbound.DnsServers,
            d => IPAddress.TryParse(d, out _) || IPEndPoint.TryParse(d, out _), "an IP address or ip:port");
        Each(problems, "TeamShare:Metrics:AllowedNetworks", options.Metrics.AllowedNetworks, n => IPNetwork.TryParse(n, out _),
            "a network in CIDR form, e.g. 10.0.0.5/32");
        Each(problems, "TeamShare:Operators", options.Operators, o => EmailAddresses.Parse(o) is not null, "an e-mail address");
    }

    private static void Each(List<string> problems, string key, string[] values, Func<string, bool> valid, string what)
    {
        for (var i = 0; i < values.Length; i++)
            if (!valid(values[i])) problems.Add($"{key}:{i} is \"{values[i]}\"; it must be {what}.");
    }

    private static void Limits(TeamShareOptions options, List<string> problems)
    {
        Settings.AtLeast(problems, "TeamShare:MaxUploadBytes", options.MaxUploadBytes, 1);
        Settings.AtLeast(problems, "TeamShare:Database:StartWaitSeconds", options.Database.StartWaitSeconds, 0);
        Settings.AtLeast(problems, "TeamShare:Blobs:MinFreeMegabytes", options.Blobs.MinFreeMegabytes, 0);
        Settings.AtLeast(problems, "TeamShare:MaintenanceCheckMilliseconds", options.MaintenanceCheckMilliseconds, 0);
        Settings.AtLeast(problems, "TeamShare:LinkEventRetentionDays", options.LinkEventRetentionDays, 1);
        Settings.AtLeast(problems, "TeamShare:OutboxLeaseSeconds", options.OutboxLeaseSeconds, 10);
        Settings.AtLeast(problems, "TeamShare:RateLimits:AnonymousPerMinute", options.RateLimits.AnonymousPerMinute, 1);
        Settings.AtLeast(problems, "TeamShare:RateLimits:CredentialPerMinute", options.RateLimits.CredentialPerMinute, 1);
        // Shorter than an upload can take between finding a stored blob and naming it, and those bytes could be collected.
        if (options.Blobs.GracePeriod < TimeSpan.FromMinutes(1))
            problems.Add($"TeamShare:Blobs:GracePeriod is {options.Blobs.GracePeriod}; it must be at least 00:01:00.");
    }

    /// <summary>The directory exists or can be made, and a file can be written in it.</summary>
    private static void Writable(string key, string configured, Func<string> full, List<string> problems)
    {
        try
        {
            var directory = Directory.CreateDirectory(full()).FullName;
            var probe = Path.Combine(directory, $".write-check-{Guid.NewGuid():N}");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            problems.Add($"{key} is \"{configured}\"; it cannot be written: {e.Message}");
        }
    }
}
