using Microsoft.Extensions.Options;
using TeamShare.SharedKernel.Modules;

namespace TeamShare.Spaces.Blobs;

/// <summary>
/// The embedded default: blobs as files under <c>blobs/ab/cd/&lt;sha256&gt;</c>. A rename is atomic here, which is what the
/// collection leans on: a blob is taken out of reach by moving it, so a writer either marked it before or finds it gone.
/// </summary>
internal sealed class FileSystemBlobStore : IBlobStore
{
    private static readonly TimeSpan AbandonedSweep = TimeSpan.FromHours(1);
    private readonly string _root;
    private readonly long _minFreeBytes;
    private readonly UploadSpool _spool;

    public FileSystemBlobStore(IOptions<TeamShareOptions> options)
    {
        _root = options.Value.FullBlobDirectory;
        _minFreeBytes = options.Value.Blobs.MinFreeMegabytes * 1024L * 1024;
        _spool = new UploadSpool(Path.Combine(_root, "tmp"));
    }

    public async Task<StoredBlob> WriteAsync(Stream source, long maxBytes, CancellationToken ct)
    {
        await using var spooled = await _spool.WriteAsync(source, maxBytes, ct);
        var hash = spooled.Blob.Sha256;
        Directory.CreateDirectory(Path.GetDirectoryName(PathOf(hash))!);
        // Same bytes already stored: keep the existing blob (content addressing deduplicates), marked as used so a concurrent
        // collection spares it; if it went meanwhile, these bytes take its place.
        if (!Retain(hash)) spooled.MoveTo(PathOf(hash));
        return spooled.Blob;
    }

    /// <summary>Up to this size a content is read whole when opened (see <see cref="OpenRead"/>).</summary>
    public const int ReadWholeBytes = 64 * 1024;

    /// <remarks>
    /// A small content (a text, an icon, most previews) is read whole, at once, into memory: on Linux every asynchronous file
    /// read is a synchronous one handed to the thread pool, and with the stream's 80 KB buffer that hop and allocation cost a
    /// counted preview more than its count (issue 24, B2: 15 % of the host's CPU). Larger contents stream as before.
    /// </remarks>
    public Stream OpenRead(string sha256, long? size = null)
    {
        if (size is > ReadWholeBytes or null) return Streamed(sha256);
        using var file = File.OpenHandle(PathOf(sha256));
        // The length on disk decides (a damaged content may not be the size recorded).
        var length = RandomAccess.GetLength(file);
        if (length > ReadWholeBytes) return Streamed(sha256);
        var bytes = new byte[length];
        var read = 0;
        while (read < bytes.Length && RandomAccess.Read(file, bytes.AsSpan(read), read) is var n and > 0) read += n;
        return new MemoryStream(bytes, 0, read, writable: false);
    }

    private FileStream Streamed(string sha256) =>
        new(PathOf(sha256), FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);

    public Task<bool> ExistsAsync(string sha256, CancellationToken ct) => Task.FromResult(File.Exists(PathOf(sha256)));

    public Task<bool> RetainAsync(string sha256, CancellationToken ct) => Task.FromResult(Retain(sha256));

    private bool Retain(string sha256)
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

    public async IAsyncEnumerable<string> ListAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await Task.CompletedTask;
        foreach (var file in Blobs())
        {
            ct.ThrowIfCancellationRequested();
            yield return file.Name;
        }
    }

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

    public int SweepTemporary() => _spool.Sweep();

    public Task PrepareAsync(CancellationToken ct)
    {
        System.IO.Directory.CreateDirectory(_spool.Directory);
        return Task.CompletedTask;
    }

    public Task<string?> UnreadyReasonAsync(CancellationToken ct)
    {
        try
        {
            using var probe = new FileStream(Path.Combine(_root, $".ready-{Guid.NewGuid():N}"), FileMode.CreateNew, FileAccess.Write,
                FileShare.None, 1, FileOptions.DeleteOnClose);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Task.FromResult<string?>("Blob directory not writable.");
        }
        // A full disk turns every upload into an error: leave the instance out before that (issue 23).
        // The spool is inside the blob directory, so its free space is the blobs' too.
        return Task.FromResult(_spool.FreeSpaceProblem(_minFreeBytes));
    }

    private string PathOf(string sha256)
    {
        if (sha256.Length != 64 || !sha256.All(Uri.IsHexDigit)) throw new ArgumentException("Not a SHA-256.", nameof(sha256));
        return Path.Combine(_root, sha256[..2], sha256[2..4], sha256);
    }
}
