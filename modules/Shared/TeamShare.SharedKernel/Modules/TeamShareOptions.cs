namespace TeamShare.SharedKernel.Modules;

/// <summary>The <c>TeamShare</c> configuration section shared by every module.</summary>
public sealed class TeamShareOptions
{
    public const string Section = "TeamShare";
    public string DataDirectory { get; set; } = "./data";
    public string? PublicBaseUrl { get; set; }
    public bool SeedDemo { get; set; }
    /// <summary>Largest accepted upload in bytes (SP-2).</summary>
    public long MaxUploadBytes { get; set; } = 10L * 1024 * 1024 * 1024;
    /// <summary>Off only in tests that run the sweeps by hand with a controlled clock, so a timer never races them.</summary>
    public bool ScheduleJobs { get; set; } = true;
    /// <summary>Days a link's timeline keeps each open, preview, download and upload (issue 11); older rows are swept daily.</summary>
    public int LinkEventRetentionDays { get; set; } = 90;
    /// <summary>
    /// Seconds a mail or webhook sweep holds the batch it claimed; after a crash its rest waits this long for another instance.
    /// Longer than the slowest batch takes to send (50 mails).
    /// </summary>
    public int OutboxLeaseSeconds { get; set; } = (int)Data.Outbox.DefaultLease.TotalSeconds;
    public TimeSpan OutboxLease => TimeSpan.FromSeconds(Math.Max(10, OutboxLeaseSeconds));
    /// <summary>
    /// Addresses of reverse proxies whose X-Forwarded-For/-Proto/-Host are believed, besides the loopback address, so the
    /// sign-in and link-password throttles count the visitor's address and links carry the public scheme and host.
    /// </summary>
    public string[] TrustedProxies { get; set; } = [];
    /// <summary>
    /// E-mail addresses of the server's operators: they alone reach the deployment-wide job dashboard. Team owners and admins
    /// run their own team only, so none of them may pause or delete the jobs every team depends on.
    /// </summary>
    public string[] Operators { get; set; } = [];

    /// <summary>Where file contents live; several instances mount the same directory. Default: <c>blobs</c> in the data directory.</summary>
    public string? BlobDirectory { get; set; }
    public DatabaseOptions Database { get; set; } = new();
    public BlobOptions Blobs { get; set; } = new();
    public OutboundOptions Outbound { get; set; } = new();
    public RateLimitOptions RateLimits { get; set; } = new();
    public KeyOptions Keys { get; set; } = new();
    public MetricsOptions Metrics { get; set; } = new();

    /// <summary>How often an instance looks at the maintenance switch: how soon <c>maintenance on|off</c> reaches it.</summary>
    public int MaintenanceCheckMilliseconds { get; set; } = 1000;

    public string FullDataDirectory => Path.GetFullPath(DataDirectory);
    public string FullBlobDirectory => Path.GetFullPath(BlobDirectory ?? Path.Combine(FullDataDirectory, "blobs"));
}

/// <summary><c>TeamShare:Database</c>: embedded SQLite in the data directory, or a PostgreSQL server shared by several instances.</summary>
public sealed class DatabaseOptions
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";
    /// <summary><c>sqlite</c> (default) or <c>postgres</c>; PostgreSQL reads <c>ConnectionStrings:TeamShare</c>.</summary>
    public string Provider { get; set; } = Sqlite;
    public bool IsPostgres => string.Equals(Provider, Postgres, StringComparison.OrdinalIgnoreCase);
    /// <summary>How long a start waits for an unreachable PostgreSQL server (a database container still starting) before it gives up.</summary>
    public int StartWaitSeconds { get; set; } = 30;
}

/// <summary><c>TeamShare:Blobs</c>: where file contents are kept and how the store treats blobs nothing names any more.</summary>
public sealed class BlobOptions
{
    public const string FileSystem = "filesystem", S3Provider = "s3";
    /// <summary><c>filesystem</c> (the blob directory, the default) or <c>s3</c> (an S3-compatible bucket, <see cref="S3"/>).</summary>
    public string Provider { get; set; } = FileSystem;
    public bool IsS3 => string.Equals(Provider, S3Provider, StringComparison.OrdinalIgnoreCase);
    public S3Options S3 { get; set; } = new();

    /// <summary>
    /// How long a blob nothing names stays before it is deleted: longer than any upload takes from finding the blob it reuses
    /// to recording its version, so those bytes are never taken from under it.
    /// </summary>
    public TimeSpan GracePeriod { get; set; } = TimeSpan.FromHours(1);
    /// <summary>Free space below which /health/ready reports the instance unready, so a balancer stops sending uploads to it.</summary>
    public long MinFreeMegabytes { get; set; } = 512;
}

/// <summary><c>TeamShare:Keys</c>: the certificate (PKCS#12) that encrypts the data-protection keys at rest (issue 27 L10).</summary>
public sealed class KeyOptions
{
    /// <summary>Unset: <c>keys-protection.pfx</c> in the data directory, made on the first embedded start.</summary>
    public string? CertificatePath { get; set; }
    public string? CertificatePassword { get; set; }
}

/// <summary><c>TeamShare:Metrics</c>: who may scrape <c>/metrics</c> (CIDR networks; default: this machine only).</summary>
public sealed class MetricsOptions
{
    public string[] AllowedNetworks { get; set; } = ["127.0.0.0/8", "::1/128"];
}

/// <summary><c>TeamShare:Outbound</c>: private networks an operator lets outbound requests reach (CIDR, e.g. 10.0.0.5/32).</summary>
public sealed class OutboundOptions
{
    public string[] AllowedNetworks { get; set; } = [];
    /// <summary>DNS servers (ip or ip:port) for verifying custom domains; empty: the machine's own resolvers.</summary>
    public string[] DnsServers { get; set; } = [];
}

/// <summary><c>TeamShare:RateLimits</c>: requests a minute per signed-out visitor address (IPv6 per /64).</summary>
public sealed class RateLimitOptions
{
    /// <summary>Every signed-out request: pages, link openings, previews (a link's gallery asks for many at once).</summary>
    public int AnonymousPerMinute { get; set; } = 1200;
    /// <summary>Signed-out requests that make the server hash a password: sign-in, tokens, link unlocks, password resets.</summary>
    public int CredentialPerMinute { get; set; } = 30;
}

/// <summary><c>TeamShare:Blobs:S3</c>: the bucket of an S3-compatible store (AWS, MinIO, Garage, Ceph RGW; docs/operations.md).</summary>
public sealed class S3Options
{
    /// <summary>The service address, e.g. http://minio:9000; empty for AWS itself, whose address follows <see cref="Region"/>.</summary>
    public string? Endpoint { get; set; }
    public string Bucket { get; set; } = "";
    /// <summary>Both empty: the SDK's own credentials (environment, instance role).</summary>
    public string? AccessKey { get; set; }
    public string? SecretKey { get; set; }
    public string Region { get; set; } = "us-east-1";
    /// <summary>Path-style addresses (http://host/bucket/key), which every S3-compatible server understands; false for virtual hosts.</summary>
    public bool PathStyle { get; set; } = true;
    /// <summary>Contents larger than this go up in parts of this size (S3's multipart upload); at least 5.</summary>
    public int PartMegabytes { get; set; } = 16;
}
