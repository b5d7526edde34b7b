using System.Buffers;
using System.Security.Cryptography;

namespace TeamShare.Spaces.Blobs;

/// <summary>
/// Where an upload's bytes wait while they are hashed, since a content's name (its SHA-256) is known only at the end. Both
/// stores spool into <c>blobs/tmp</c> on this instance's disk: the directory store then renames the file into place, the S3
/// store sends it under its hash (or not at all when the bucket holds those bytes already).
/// </summary>
internal sealed class UploadSpool
{
    private const int ChunkBytes = 1 << 20;
    private readonly string _directory;

    public UploadSpool(string directory)
    {
        _directory = directory;
        System.IO.Directory.CreateDirectory(directory);
    }

    public string Directory => _directory;

    /// <summary>Why uploads cannot be written here now (less than <paramref name="minFreeBytes"/> free), or null: for readiness.</summary>
    public string? FreeSpaceProblem(long minFreeBytes) => new DriveInfo(_directory).AvailableFreeSpace < minFreeBytes
        ? $"Less than {minFreeBytes / (1024 * 1024)} MB free for uploads."
        : null;

    /// <summary>Copies <paramref name="source"/> into a new temporary file, hashing it; the file stays open and locked.</summary>
    public async Task<SpooledUpload> WriteAsync(Stream source, long maxBytes, CancellationToken ct)
    {
        var path = Path.Combine(_directory, Guid.NewGuid().ToString("N"));
        // No FileStream buffer: the chunks below are large, so each goes to the OS once without another copy (B7).
        // FileShare.None holds an exclusive lock (flock) until the file is named or dropped, which tells the sweep it is alive.
        var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 0, useAsync: true);
        var spooled = new SpooledUpload(path, file);
        try
        {
            spooled.Blob = await CopyHashingAsync(source, file, maxBytes, ct);
            // On disk before anything names it, so a crash never leaves a named blob with lost bytes.
            file.Flush(flushToDisk: true);
            return spooled;
        }
        catch
        {
            await spooled.DisposeAsync();
            throw;
        }
    }

    /// <summary>Copies in 1 MB chunks (a multipart section yields far smaller reads; they are gathered first), hashing each.</summary>
    private static async Task<StoredBlob> CopyHashingAsync(Stream source, Stream target, long maxBytes, CancellationToken ct)
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
            return new StoredBlob(Convert.ToHexStringLower(sha.GetHashAndReset()), size);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Deletes the partial files of uploads cut off by a crash (issue 27 L9): a writer holds its file locked until the file is
    /// named or dropped, so a file no process holds is abandoned. An upload in progress, on any instance sharing the directory,
    /// is never taken.
    /// </summary>
    public int Sweep()
    {
        // File times are the file system's, so they are compared with the real clock. The second covers the instant between
        // a writer creating its file and locking it.
        var before = DateTime.UtcNow - TimeSpan.FromSeconds(1);
        var swept = 0;
        foreach (var file in new DirectoryInfo(_directory).EnumerateFiles())
        {
            try
            {
                if (file.LastWriteTimeUtc >= before) continue;
                using var held = new FileStream(file.FullName, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
                file.Delete();
                swept++;
            }
            catch (IOException) { /* a live writer holds it, or it was named or swept meanwhile */ }
        }
        return swept;
    }
}

/// <summary>An upload's bytes in the spool, hashed, still locked; deleted when disposed unless <see cref="MoveTo"/> named them.</summary>
internal sealed class SpooledUpload(string path, FileStream file) : IAsyncDisposable
{
    private bool _moved;

    public StoredBlob Blob { get; set; } = null!;

    /// <summary>The bytes from the start, through the handle that holds the lock.</summary>
    public FileStream Rewound()
    {
        file.Position = 0;
        return file;
    }

    /// <summary>Names the file (a rename on the same disk), still holding it until disposed.</summary>
    public void MoveTo(string final)
    {
        File.Move(path, final, overwrite: true);
        _moved = true;
    }

    public async ValueTask DisposeAsync()
    {
        await file.DisposeAsync();
        if (!_moved) File.Delete(path);
    }
}
