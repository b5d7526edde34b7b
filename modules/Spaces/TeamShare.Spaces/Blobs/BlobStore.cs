using System.Buffers;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using TeamShare.SharedKernel.Modules;
using TeamShare.SharedKernel.Observability;

namespace TeamShare.Spaces.Blobs;

internal sealed record StoredBlob(string Sha256, long Size);

internal sealed class BlobTooLargeException : Exception;

/// <summary>SP-3: content addressed by SHA-256; paths come from the hash, never from user names.</summary>
internal interface IBlobStore
{
    /// <summary>Streams <paramref name="source"/> to storage, hashing as it goes; throws <see cref="BlobTooLargeException"/> past the limit.</summary>
    Task<StoredBlob> WriteAsync(Stream source, long maxBytes, CancellationToken ct);
    Stream OpenRead(string sha256);
    bool Exists(string sha256);

    /// <summary>
    /// Keeps a stored blob from being collected because something is about to name it (a copy, a deduplicated upload): marks it
    /// as used now. False when the blob is not there (any more), so the caller must store the bytes again.
    /// </summary>
    bool Retain(string sha256);

    /// <summary>
    /// Deletes blobs that nothing names: each must have been left alone for <paramref name="grace"/> (no write, no
    /// <see cref="Retain"/>) and <paramref name="stillNamed"/> must not name it when asked, after it was taken out of reach.
    /// A writer that starts naming a blob during the sweep either marked it in time or finds it gone and writes it again.
    /// </summary>
    Task<int> CollectAsync(TimeSpan grace, Func<IReadOnlyCollection<string>, CancellationToken, Task<IReadOnlySet<string>>> stillNamed,
        CancellationToken ct);

    /// <summary>Every stored blob's hash, for the consistency check.</summary>
    IEnumerable<string> List();

    /// <summary>
    /// Deletes the partial files of uploads cut off by a crash (issue 27 L9): a writer holds its temporary file locked until
    /// the file is named, so a file no process holds is abandoned. An upload in progress, on any instance sharing the
    /// directory, is never taken. Runs at start-up and with the nightly purge; returns how many went.
    /// </summary>
    int SweepTemporary();
}

internal sealed class FileSystemBlobStore : IBlobStore
{
    private const int ChunkBytes = 1 << 20;
    private static readonly TimeSpan AbandonedSweep = TimeSpan.FromHours(1);
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
            // FileShare.None holds an exclusive lock (flock) until the file is named, which tells the sweep it is alive.
            await using (var target = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 0, useAsync: true))
            {
                written = await CopyHashingAsync(source, target, maxBytes, ct);
                // On disk before the rename makes it visible, so a crash never leaves a named blob with lost bytes.
                target.Flush(flushToDisk: true);
                var final = PathOf(written.Hash);
                Directory.CreateDirectory(Path.GetDirectoryName(final)!);
                // Same bytes already stored: keep the existing blob (content addressing deduplicates), marked as used so a
                // concurrent collection spares it; if it went meanwhile, these bytes take its place.
                if (Retain(written.Hash)) File.Delete(temp);
                else File.Move(temp, final, overwrite: true);
            }
            TeamShareMetrics.BlobsWritten.Add(1);
            TeamShareMetrics.BytesWritten.Add(written.Size);
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

    public bool Exists(string sha256) => File.Exists(PathOf(sha256));

    public bool Retain(string sha256)
    {
        var path = PathOf(sha256);
        try { File.SetLastWriteTimeUtc(path, DateTime.UtcNow); }
        catch (FileNotFoundException) { return false; }
        catch (DirectoryNotFoundException) { return false; }
        // Still under its name after the mark: a collection that takes it away from now on sees the fresh time.
        return File.Exists(path);
    }

    public async Task<int> CollectAsync(TimeSpan grace,
        Func<IReadOnlyCollection<string>, CancellationToken, Task<IReadOnlySet<string>>> stillNamed, CancellationToken ct)
    {
        var condemned = Path.Combine(_root, "condemned");
        // A sweep cut off between taking blobs out of reach and deciding left them in its folder: back they go, to be judged
        // again. Folders of sweeps still running (on any instance) are younger than an hour and left alone.
        foreach (var crashed in new DirectoryInfo(condemned) is { Exists: true } d ? d.EnumerateDirectories() : [])
        {
            try
            {
                // A folder that vanished meanwhile reads as written in 1601: it was another sweep's, which just finished.
                if (!crashed.Exists || crashed.LastWriteTimeUtc >= DateTime.UtcNow - AbandonedSweep) continue;
                foreach (var file in crashed.EnumerateFiles()) Reprieve(file.FullName, file.Name);
                crashed.Delete(recursive: true);
            }
            catch (DirectoryNotFoundException) { /* taken back by another sweep meanwhile */ }
        }

        // This sweep's own folder: no other sweep moves what is in it, so what it checked is what it deletes.
        var mine = Directory.CreateDirectory(Path.Combine(condemned, Guid.NewGuid().ToString("N"))).FullName;
        var deleted = 0;
        try
        {
            foreach (var batch in IdleBlobs(grace).Chunk(500))
            {
                // Out of reach first: from here a writer finds no blob and stores its own, or it marked this one before.
                var taken = batch.Where(hash => TryMove(PathOf(hash), Path.Combine(mine, hash))).ToList();
                var idleSince = DateTime.UtcNow - grace;
                var named = await stillNamed(taken, ct);
                foreach (var hash in taken)
                {
                    var path = Path.Combine(mine, hash);
                    if (named.Contains(hash) || File.GetLastWriteTimeUtc(path) >= idleSince) Reprieve(path, hash);
                    else { File.Delete(path); deleted++; }
                }
            }
        }
        finally
        {
            foreach (var file in Directory.EnumerateFiles(mine)) Reprieve(file, Path.GetFileName(file));
            Directory.Delete(mine);
        }
        return deleted;
    }

    public IEnumerable<string> List() => Blobs().Select(file => file.Name);

    /// <summary>Blob files nothing has written or marked for <paramref name="grace"/>, by their hash.</summary>
    private IEnumerable<string> IdleBlobs(TimeSpan grace)
    {
        var before = DateTime.UtcNow - grace;
        return Blobs().Where(file => file.LastWriteTimeUtc < before).Select(file => file.Name);
    }

    private IEnumerable<FileInfo> Blobs()
    {
        foreach (var first in HexFolders(new DirectoryInfo(_root)))
        foreach (var second in HexFolders(first))
        foreach (var file in second.EnumerateFiles())
        {
            if (file.Name.Length == 64 && file.Name.All(Uri.IsHexDigit)) yield return file;
        }

        // The two levels of a blob's path; tmp and condemned are not among them.
        static IEnumerable<DirectoryInfo> HexFolders(DirectoryInfo parent) =>
            parent.EnumerateDirectories().Where(d => d.Name.Length == 2 && d.Name.All(Uri.IsHexDigit));
    }

    private void Reprieve(string path, string hash)
    {
        if (hash.Length != 64 || !hash.All(Uri.IsHexDigit)) { File.Delete(path); return; }
        // A writer may have stored the same bytes again meanwhile; then this copy is surplus.
        if (!TryMove(path, PathOf(hash))) File.Delete(path);
    }

    private static bool TryMove(string from, string to)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Move(from, to, overwrite: false);
            return true;
        }
        catch (IOException) { return false; }
    }

    public int SweepTemporary()
    {
        // File times are the file system's, so they are compared with the real clock. The second covers the instant between
        // a writer creating its file and locking it.
        var before = DateTime.UtcNow - TimeSpan.FromSeconds(1);
        var swept = 0;
        foreach (var file in new DirectoryInfo(Path.Combine(_root, "tmp")).EnumerateFiles())
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

    private string PathOf(string sha256)
    {
        if (sha256.Length != 64 || !sha256.All(Uri.IsHexDigit)) throw new ArgumentException("Not a SHA-256.", nameof(sha256));
        return Path.Combine(_root, sha256[..2], sha256[2..4], sha256);
    }
}
