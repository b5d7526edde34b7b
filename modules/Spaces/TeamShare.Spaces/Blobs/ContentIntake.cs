using TeamShare.SharedKernel.Http;
using TeamShare.SharedKernel.Observability;

namespace TeamShare.Spaces.Blobs;

/// <summary>Why bytes were not taken: what the uploader is told, the same on every route.</summary>
internal sealed record ContentRefusal(int Status, string Title, string Detail, string Code)
{
    public Outcome<T> ToOutcome<T>() => Outcome<T>.Fail(Status, Title, Detail, Code);
}

/// <summary>A stored content, or why it was not stored.</summary>
internal sealed record Intake(StoredBlob? Blob, ContentRefusal? Refusal)
{
    public static Intake TooLarge(long limit) => new(null, new ContentRefusal(413, "File too large", $"Files can be at most {limit:N0} bytes.", "too_large"));
}

/// <summary>
/// The one way bytes become a stored content (issue 26.3): uploads, new versions, files sent through links and WebDAV all come
/// here, so a limit, a count or a store applies to every one of them alike.
/// </summary>
internal sealed class ContentIntake(IBlobStore blobs)
{
    /// <summary>Streams <paramref name="body"/> into the store for a team's file, refusing it past <paramref name="limit"/> bytes.</summary>
    public async Task<Intake> StoreAsync(Guid teamId, Stream body, long limit, CancellationToken ct)
    {
        StoredBlob blob;
        try { blob = await blobs.WriteAsync(body, limit, ct); }
        catch (BlobTooLargeException) { return Intake.TooLarge(limit); }
        TeamShareMetrics.BlobsWritten.Add(1);
        TeamShareMetrics.BytesWritten.Add(blob.Size);
        return new Intake(blob, null);
    }
}
