using System.Security.Cryptography;
using System.Text;

namespace TeamShare.IntegrationTests;

/// <summary>
/// The store the integration tests keep file contents in (issue 26.3): the blob directory on the SQLite pass, an S3 bucket on
/// the PostgreSQL pass (the scale-out pair), served by s3rver, which the test command starts (TEAMSHARE_TEST_S3 its address,
/// TEAMSHARE_TEST_S3_DIRECTORY where it keeps objects). A host's bucket follows its data directory, as its database does.
/// Tests that play a crash or a rotting disk reach the stored bytes through the files behind either store.
/// </summary>
public static class TestBlobs
{
    public static bool OnS3 => TestDatabase.OnPostgres;
    private static string S3Endpoint => Environment.GetEnvironmentVariable("TEAMSHARE_TEST_S3")
        ?? throw new InvalidOperationException("TEAMSHARE_TEST_S3 is not set: run the tests with scripts/test.sh.");
    private static string S3Directory => Environment.GetEnvironmentVariable("TEAMSHARE_TEST_S3_DIRECTORY")
        ?? throw new InvalidOperationException("TEAMSHARE_TEST_S3_DIRECTORY is not set: run the tests with scripts/test.sh.");
    private const string ObjectSuffix = "._S3rver_object";

    public static string BucketFor(string dataDirectory) =>
        "ts-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(dataDirectory)))[..20];

    /// <summary>The settings that put a host's contents in its bucket.</summary>
    public static IEnumerable<(string Key, string Value)> Settings(string dataDirectory)
    {
        if (!OnS3) yield break;
        yield return ("TeamShare:Blobs:Provider", "s3");
        yield return ("TeamShare:Blobs:S3:Endpoint", S3Endpoint);
        yield return ("TeamShare:Blobs:S3:Bucket", BucketFor(dataDirectory));
        yield return ("TeamShare:Blobs:S3:AccessKey", "S3RVER");
        yield return ("TeamShare:Blobs:S3:SecretKey", "S3RVER");
    }

    /// <summary>The folder behind the store: the blob directory, or the bucket's folder in s3rver's.</summary>
    public static string Root(string dataDirectory) => OnS3 ? Path.Combine(S3Directory, BucketFor(dataDirectory)) : Path.Combine(dataDirectory, "blobs");

    /// <summary>The file that holds a stored content's bytes.</summary>
    public static string PathOf(string dataDirectory, string sha256) => OnS3
        ? Path.Combine(S3Directory, BucketFor(dataDirectory), "blobs", sha256 + ObjectSuffix)
        : Path.Combine(dataDirectory, "blobs", sha256[..2], sha256[2..4], sha256);

    public static string PathOf(string dataDirectory, byte[] bytes) => PathOf(dataDirectory, Sha(bytes));

    public static string Sha(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>Every stored content's hash, read from the files behind the store.</summary>
    public static IReadOnlyList<string> Stored(string dataDirectory) => OnS3
        ? Directory.Exists(Path.Combine(S3Directory, BucketFor(dataDirectory), "blobs"))
            ? Directory.GetFiles(Path.Combine(S3Directory, BucketFor(dataDirectory), "blobs"), "*" + ObjectSuffix)
                .Select(f => Path.GetFileName(f)[..^ObjectSuffix.Length]).ToList()
            : []
        : Directory.GetFiles(Path.Combine(dataDirectory, "blobs"), "*", SearchOption.AllDirectories)
            .Where(f => f.Split(Path.DirectorySeparatorChar) is [.., var a, var b, var name] && name.StartsWith(a + b) && name.Length == 64)
            .Select(Path.GetFileName).ToList()!;

    /// <summary>Puts bytes in the store as a crash leaves them: stored, named by nothing.</summary>
    public static void Plant(string dataDirectory, byte[] bytes)
    {
        var path = PathOf(dataDirectory, bytes);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
    }

    /// <summary>As if a content had been left alone since <paramref name="at"/>: its write and any mark of use (S3's marker) go back.</summary>
    public static void LastUsed(string dataDirectory, byte[] bytes, DateTime at)
    {
        File.SetLastWriteTimeUtc(PathOf(dataDirectory, bytes), at);
        if (!OnS3) return;
        var markers = Path.Combine(S3Directory, BucketFor(dataDirectory), "retained", Sha(bytes));
        if (!Directory.Exists(markers)) return;
        foreach (var marker in Directory.GetFiles(markers, "*" + ObjectSuffix)) File.SetLastWriteTimeUtc(marker, at);
    }

    /// <summary>Markers of collections in progress or cut off: none once every collection has finished.</summary>
    public static IEnumerable<string> Condemned(string dataDirectory)
    {
        var folder = OnS3 ? Path.Combine(S3Directory, BucketFor(dataDirectory), "condemned") : Path.Combine(dataDirectory, "blobs", "condemned");
        return Directory.Exists(folder) ? Directory.GetFiles(folder, "*", SearchOption.AllDirectories) : [];
    }

    public static void Delete(string dataDirectory)
    {
        if (!OnS3) return;
        try { Directory.Delete(Path.Combine(S3Directory, BucketFor(dataDirectory)), recursive: true); }
        catch (DirectoryNotFoundException) { }
    }
}
