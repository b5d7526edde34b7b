using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using TeamShare.SharedKernel.Modules;

namespace TeamShare.Spaces.Blobs;

internal sealed record StoredBlob(string Sha256, long Size);

internal sealed class BlobTooLargeException : Exception;

/// <summary>SP-3: content addressed by SHA-256; paths come from the hash, never from user names.</summary>
internal interface IBlobStore
{
    /// <summary>Streams <paramref name="source"/> to storage, hashing as it goes; throws <see cref="BlobTooLargeException"/> past the limit.</summary>
    Task<StoredBlob> WriteAsync(Stream source, long maxBytes, CancellationToken ct);
    Stream OpenRead(string sha256);
    void Delete(string sha256);
}

internal sealed class FileSystemBlobStore : IBlobStore
{
    private readonly string _root;

    public FileSystemBlobStore(IOptions<TeamShareOptions> options)
    {
        _root = options.Value.FullBlobDirectory;
        Directory.CreateDirectory(Path.Combine(_root, "tmp"));
    }

    public async Task<StoredBlob> WriteAsync(Stream source, long maxBytes, CancellationToken ct)
    {
        var temp = Path.Combine(_root, "tmp", Guid.NewGuid().ToString("N"));
        try
        {
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long size = 0;
            await using (var target = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                var buffer = new byte[81920];
                int read;
                while ((read = await source.ReadAsync(buffer, ct)) > 0)
                {
                    size += read;
                    if (size > maxBytes) throw new BlobTooLargeException();
                    sha.AppendData(buffer, 0, read);
                    await target.WriteAsync(buffer.AsMemory(0, read), ct);
                }
                // On disk before the rename makes it visible, so a crash never leaves a named blob with lost bytes.
                target.Flush(flushToDisk: true);
            }
            var hash = Convert.ToHexStringLower(sha.GetHashAndReset());
            var final = PathOf(hash);
            Directory.CreateDirectory(Path.GetDirectoryName(final)!);
            // Same bytes already stored: keep the existing blob (content addressing deduplicates).
            if (File.Exists(final)) File.Delete(temp);
            else File.Move(temp, final, overwrite: true);
            return new StoredBlob(hash, size);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    public Stream OpenRead(string sha256) =>
        new FileStream(PathOf(sha256), FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);

    public void Delete(string sha256) => File.Delete(PathOf(sha256));

    private string PathOf(string sha256)
    {
        if (sha256.Length != 64 || !sha256.All(Uri.IsHexDigit)) throw new ArgumentException("Not a SHA-256.", nameof(sha256));
        return Path.Combine(_root, sha256[..2], sha256[2..4], sha256);
    }
}
