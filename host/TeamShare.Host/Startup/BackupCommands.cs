using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using TeamShare.SharedKernel.Modules;

namespace TeamShare.Host.Startup;

/// <summary>
/// Issue 23: <c>backup &lt;dir&gt;</c> while the server runs, and <c>restore &lt;dir&gt;</c> into an empty data directory.
/// The databases first, through SQLite's online backup (a consistent snapshot however many uploads are running), then the
/// blobs: every content the snapshot names was stored before its version was recorded, and blobs are never changed, only
/// added or (after the grace period, unnamed) removed, so the copy holds all of them. Newer blobs that come along are
/// unnamed in the backup; <c>check --repair</c> tidies them after a restore. On PostgreSQL the database is pg_dump's job
/// (docs/operations.md); the command copies the blobs, and the keys live in the database there.
/// </summary>
internal static class BackupCommands
{
    public const string Backup = "backup";
    public const string Restore = "restore";
    private static readonly string[] Databases = ["teamshare.db", "hangfire.db"];
    private const string Manifest = "teamshare-backup.json";

    public static async Task<int> BackupAsync(IServiceProvider services, string[] args)
    {
        if (args is not [_, var target]) return Usage();
        var options = services.GetRequiredService<IOptions<TeamShareOptions>>().Value;
        target = Path.GetFullPath(target);
        if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any())
            return Fail($"{target} is not empty: back up into a new directory.");
        Directory.CreateDirectory(target);

        if (options.Database.IsPostgres)
            Console.WriteLine("PostgreSQL: back the database up with pg_dump as well (docs/operations.md); this copies the blobs.");
        else
        {
            foreach (var name in Databases)
            {
                var source = Path.Combine(options.FullDataDirectory, name);
                if (!File.Exists(source)) continue;
                await using var from = new SqliteConnection($"Data Source={source};Mode=ReadOnly;Pooling=False");
                await using var to = new SqliteConnection($"Data Source={Path.Combine(target, name)};Pooling=False");
                await from.OpenAsync();
                await to.OpenAsync();
                from.BackupDatabase(to);
                Console.WriteLine($"{name}: copied");
            }
            var keys = Path.Combine(options.FullDataDirectory, "keys");
            Console.WriteLine($"keys: {CopyTree(keys, Path.Combine(target, "keys"))} copied");
            // Issue 27 L10: the keys are encrypted with this certificate, so a backup alone can forge nothing; a restore needs it.
            Console.WriteLine($"key certificate: not copied; keep {KeyProtection.PathOf(options)} apart from the backups, a restore needs it.");
        }
        // After the databases: every blob the snapshot names is already stored.
        if (options.Blobs.IsS3) Console.WriteLine(InBucket(options));
        else Console.WriteLine($"blobs: {CopyTree(options.FullBlobDirectory, Path.Combine(target, "blobs"), IsBlobPath)} copied");
        await File.WriteAllTextAsync(Path.Combine(target, Manifest), JsonSerializer.Serialize(new
        {
            createdAt = DateTime.UtcNow, provider = options.Database.IsPostgres ? DatabaseOptions.Postgres : DatabaseOptions.Sqlite,
        }));
        Console.WriteLine($"Backup written to {target}.");
        return 0;
    }

    public static int RestoreFrom(IServiceProvider services, string[] args)
    {
        if (args is not [_, var source]) return Usage();
        var options = services.GetRequiredService<IOptions<TeamShareOptions>>().Value;
        source = Path.GetFullPath(source);
        if (!File.Exists(Path.Combine(source, Manifest))) return Fail($"{source} holds no TeamShare backup ({Manifest} is missing).");
        if (Databases.Any(name => File.Exists(Path.Combine(options.FullDataDirectory, name))))
            return Fail($"{options.FullDataDirectory} already holds a database: stop TeamShare and restore into an empty data directory.");
        if (Directory.Exists(options.FullBlobDirectory) && Directory.EnumerateFileSystemEntries(options.FullBlobDirectory).Any(e => IsBlobPath(e)))
            return Fail($"{options.FullBlobDirectory} already holds files: restore into an empty blob directory.");

        Directory.CreateDirectory(options.FullDataDirectory);
        if (!options.Database.IsPostgres)
        {
            foreach (var name in Databases.Where(name => File.Exists(Path.Combine(source, name))))
                File.Copy(Path.Combine(source, name), Path.Combine(options.FullDataDirectory, name));
            Console.WriteLine($"keys: {CopyTree(Path.Combine(source, "keys"), Path.Combine(options.FullDataDirectory, "keys"))} restored");
            if (!File.Exists(KeyProtection.PathOf(options)))
                Console.WriteLine($"key certificate: put the one kept apart back at {KeyProtection.PathOf(options)} before starting, " +
                                  "or sign-ins, QR codes and links shown again will not carry over.");
        }
        else Console.WriteLine("PostgreSQL: restore the database with pg_restore as well (docs/operations.md); this restores the blobs.");
        if (options.Blobs.IsS3) Console.WriteLine(InBucket(options));
        else Console.WriteLine($"blobs: {CopyTree(Path.Combine(source, "blobs"), options.FullBlobDirectory)} restored");
        Console.WriteLine("Restored. Start TeamShare, then run check to confirm every file is whole.");
        return 0;
    }

    /// <summary>With S3 the contents stay in the bucket: the store's own tools back it up (docs/operations.md).</summary>
    private static string InBucket(TeamShareOptions options) =>
        $"blobs: kept in the S3 bucket {options.Blobs.S3.Bucket}, not copied; back it up with the store's own tools (versioning, replication, rclone sync).";

    /// <summary>A stored content (two hex folders and a 64-hex name), not a temporary upload, a sweep's folder or a flag.</summary>
    private static bool IsBlobPath(string path)
    {
        var name = Path.GetFileName(path);
        return name.Length == 2 ? name.All(Uri.IsHexDigit) : name.Length == 64 && name.All(Uri.IsHexDigit);
    }

    private static int CopyTree(string from, string to, Func<string, bool>? include = null)
    {
        if (!Directory.Exists(from)) return 0;
        Directory.CreateDirectory(to);
        var copied = 0;
        foreach (var entry in Directory.EnumerateFileSystemEntries(from))
        {
            if (include is not null && !include(entry)) continue;
            var destination = Path.Combine(to, Path.GetFileName(entry));
            if (Directory.Exists(entry)) copied += CopyTree(entry, destination, include);
            else
            {
                try { File.Copy(entry, destination, overwrite: false); copied++; }
                // Collected by the hourly sweep while we walked: it was unnamed, so the backup does not need it.
                catch (FileNotFoundException) { }
            }
        }
        return copied;
    }

    private static int Usage()
    {
        Console.Error.WriteLine($"Usage: {Backup} <new directory> | {Restore} <backup directory>");
        return 64;
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine(message);
        return 1;
    }
}
