using System.Buffers;
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

    /// <summary>
    /// Deletes temporary files nothing has written to for <paramref name="idle"/>: uploads cut off by a crash. An upload in
    /// progress (on any instance sharing the directory) keeps writing, so it is never taken. Returns how many went.
    /// </summary>
    int SweepTemporary(TimeSpan idle);
}

internal sealed class FileSystemBlobStore : IBlobStore
{
    private const int ChunkBytes = 1 << 20;
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
            (string Hash, long Size) written;
            // No FileStream buffer: the chunks below are large, so each goes to the OS once without another copy (B7).
            await using (var target = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 0, useAsync: true))
            {
                written = await CopyHashingAsync(source, target, maxBytes, ct);
                // On disk before the rename makes it visible, so a crash never leaves a named blob with lost bytes.
                target.Flush(flushToDisk: true);
            }
            var final = PathOf(written.Hash);
            Directory.CreateDirectory(Path.GetDirectoryName(final)!);
            // Same bytes already stored: keep the existing blob (content addressing deduplicates).
            if (File.Exists(final)) File.Delete(temp);
            else File.Move(temp, final, overwrite: true);
            return new StoredBlob(written.Hash, written.Size);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    /// <summary>Copies in 1 MB chunks (a multipart section yields far smaller reads; they are gathered first), hashing each.</summary>
    private static async Task<(string Hash, long Size)> CopyHashingAsync(Stream source, Stream target, long maxBytes, CancellationToken ct)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            long size = 0;
            while (true)
            {
                var filled = 0;
                int read;
                while (filled < ChunkBytes && (read = await source.ReadAsync(buffer.AsMemory(filled, ChunkBytes - filled), ct)) > 0)
                    filled += read;
                if (filled == 0) break;
                size += filled;
                if (size > maxBytes) throw new BlobTooLargeException();
                sha.AppendData(buffer, 0, filled);
                await target.WriteAsync(buffer.AsMemory(0, filled), ct);
                if (filled < ChunkBytes) break;
            }
            return (Convert.ToHexStringLower(sha.GetHashAndReset()), size);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public Stream OpenRead(string sha256) =>
        new FileStream(PathOf(sha256), FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);

    public void Delete(string sha256) => File.Delete(PathOf(sha256));

    public int SweepTemporary(TimeSpan idle)
    {
        // File times are the file system's, so they are compared with the real clock, not the application's.
        var before = DateTime.UtcNow - idle;
        var swept = 0;
        foreach (var file in new DirectoryInfo(Path.Combine(_root, "tmp")).EnumerateFiles())
        {
            if (file.LastWriteTimeUtc >= before) continue;
            try { file.Delete(); swept++; }
            catch (IOException) { /* taken by another instance's sweep meanwhile */ }
        }
        return swept;
    }

    private string PathOf(string sha256)
    {
        if (sha256.Length != 64 || !sha256.All(Uri.IsHexDigit)) throw new ArgumentException("Not a SHA-256.", nameof(sha256));
        return Path.Combine(_root, sha256[..2], sha256[2..4], sha256);
    }
}
