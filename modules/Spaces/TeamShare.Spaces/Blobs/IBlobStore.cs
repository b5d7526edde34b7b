using TeamShare.SharedKernel.Modules;

namespace TeamShare.Spaces.Blobs;

internal sealed record StoredBlob(string Sha256, long Size);

internal sealed class BlobTooLargeException : Exception;

/// <summary>
/// SP-3: contents addressed by SHA-256; names come from the hash, never from user names. Two stores keep them: a directory
/// (<see cref="FileSystemBlobStore"/>, the embedded default) and an S3-compatible bucket (<see cref="S3BlobStore"/>). Nothing
/// outside this folder writes a blob: uploads of every kind go through <see cref="ContentIntake"/>.
/// </summary>
internal interface IBlobStore : IContentStore
{
    /// <summary>Streams <paramref name="source"/> to storage, hashing as it goes; throws <see cref="BlobTooLargeException"/> past the limit.</summary>
    Task<StoredBlob> WriteAsync(Stream source, long maxBytes, CancellationToken ct);

    /// <summary>
    /// The stored bytes. With <paramref name="size"/> the stream can seek (Range requests are served from it); a content that
    /// is gone throws <see cref="FileNotFoundException"/>, at the latest on the first read.
    /// </summary>
    Stream OpenRead(string sha256, long? size = null);

    Task<bool> ExistsAsync(string sha256, CancellationToken ct);

    /// <summary>
    /// Keeps a stored blob from being collected because something is about to name it (a copy, a deduplicated upload): marks it
    /// as used now. False when the blob is not there (any more), so the caller must store the bytes again.
    /// </summary>
    Task<bool> RetainAsync(string sha256, CancellationToken ct);

    /// <summary>
    /// Deletes blobs that nothing names: each must have been left alone for <paramref name="grace"/> (no write, no
    /// <see cref="RetainAsync"/>) and <paramref name="stillNamed"/> must not name it when asked, after it was taken out of
    /// reach. A writer that starts naming a blob during the sweep either marked it in time or finds it gone and writes it again.
    /// </summary>
    Task<int> CollectAsync(TimeSpan grace, Func<IReadOnlyCollection<string>, CancellationToken, Task<IReadOnlySet<string>>> stillNamed,
        CancellationToken ct);

    /// <summary>Every stored blob's hash, for the consistency check and the render cache.</summary>
    IAsyncEnumerable<string> ListAsync(CancellationToken ct);

    /// <summary>
    /// Deletes the partial files of uploads cut off by a crash (issue 27 L9): see <see cref="UploadSpool.Sweep"/>. Runs at
    /// start-up and with the nightly purge; returns how many went.
    /// </summary>
    int SweepTemporary();
}
