using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TeamShare.Host.Data;
using TeamShare.SharedKernel.Data;
using TeamShare.SharedKernel.Modules;

namespace TeamShare.Host.Startup;

/// <summary>
/// <c>TeamShare.Host copy-database --from &lt;old data directory&gt;</c>, run with the PostgreSQL configuration of the new
/// deployment: migrates the (empty) PostgreSQL database, copies every module's rows from the embedded SQLite database, the
/// data-protection keys (so sign-in cookies and printed QR codes keep working) and the blobs (docs/scale-out.md).
/// </summary>
internal static class CopyDatabaseCommand
{
    public const string Verb = "copy-database";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, CancellationToken ct = default)
    {
        var from = args.SkipWhile(a => a != "--from").Skip(1).FirstOrDefault();
        var options = services.GetRequiredService<IOptions<TeamShareOptions>>().Value;
        if (from is null || !File.Exists(Path.Combine(from, "teamshare.db")))
            return Fail($"Usage: {Verb} --from <data directory of the SQLite installation> (it holds teamshare.db).");
        if (!options.Database.IsPostgres)
            return Fail("Configure the target first: TeamShare__Database__Provider=postgres and ConnectionStrings__TeamShare.");
        if (options.SeedDemo) return Fail("Turn TeamShare__SeedDemo off: the copy goes into an empty database.");

        await DatabaseStartup.PrepareAsync(services, ct);
        var source = ModuleDatabaseRegistration.SqliteConnectionString(new TeamShareOptions { DataDirectory = from });
        foreach (var module in services.GetServices<IModuleDatabase>())
            Console.WriteLine($"{module.Module}: {await module.CopyFromSqliteAsync(services, source, ct)} rows");
        Console.WriteLine($"data-protection keys: {await CopyKeysAsync(services, Path.Combine(from, "keys"), ct)}");
        // The keys stay encrypted with the embedded installation's certificate (issue 27 L10): the instances need it.
        var certificate = Path.Combine(from, KeyProtection.DefaultFileName);
        var wanted = KeyProtection.PathOf(options);
        if (File.Exists(certificate) && !File.Exists(wanted))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(wanted)!);
            File.Copy(certificate, wanted);
            File.SetUnixFileMode(wanted, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        if (File.Exists(certificate))
            Console.WriteLine($"key certificate: at {wanted}; give every instance this file (TeamShare__Keys__CertificatePath).");
        if (options.Blobs.IsS3)
            Console.WriteLine($"blobs: not moved into the S3 bucket {options.Blobs.S3.Bucket}; this command copies them between directories only (docs/operations.md).");
        else Console.WriteLine($"blobs: {CopyBlobs(Path.Combine(from, "blobs"), options.FullBlobDirectory)} copied to {options.FullBlobDirectory}");
        return 0;
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine(message);
        return 2;
    }

    private static async Task<int> CopyKeysAsync(IServiceProvider services, string directory, CancellationToken ct)
    {
        if (!Directory.Exists(directory)) return 0;
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KeysDbContext>();
        var known = await db.DataProtectionKeys.Select(k => k.FriendlyName).ToListAsync(ct);
        var added = 0;
        foreach (var file in Directory.GetFiles(directory, "*.xml"))
        {
            // The file repository names each key file by the key's friendly name; the database repository keeps the same pair.
            var name = Path.GetFileNameWithoutExtension(file);
            if (known.Contains(name)) continue;
            db.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = name, Xml = XElement.Load(file).ToString(SaveOptions.DisableFormatting) });
            added++;
        }
        await db.SaveChangesAsync(ct);
        return added;
    }

    private static int CopyBlobs(string from, string to)
    {
        if (!Directory.Exists(from) || Path.GetFullPath(from) == Path.GetFullPath(to)) return 0;
        var copied = 0;
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            if (relative.StartsWith("tmp" + Path.DirectorySeparatorChar)) continue;
            var target = Path.Combine(to, relative);
            if (File.Exists(target)) continue;
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            // Under a temporary name first, so an interrupted copy never leaves a short blob under its final name.
            File.Copy(file, target + ".part", overwrite: true);
            File.Move(target + ".part", target);
            copied++;
        }
        return copied;
    }
}
