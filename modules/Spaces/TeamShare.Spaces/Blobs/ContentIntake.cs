using TeamShare.SharedKernel.Http;
using TeamShare.SharedKernel.Observability;
using TeamShare.Spaces.Storage;

namespace TeamShare.Spaces.Blobs;

/// <summary>Why bytes were not taken: what the uploader is told, the same on every route.</summary>
internal sealed record ContentRefusal(Refused Kind, string Title, string Detail, string Code)
{
    public Outcome<T> ToOutcome<T>() => Outcome<T>.Fail(Kind, Title, Detail, Code);
}

/// <summary>A stored content, or why it was not stored.</summary>
internal sealed record Intake(StoredBlob? Blob, ContentRefusal? Refusal)
{
    public static Intake TooLarge(long limit) => new(null, new ContentRefusal(Refused.TooLarge, "File too large", $"Files can be at most {limit:N0} bytes.", "too_large"));

    /// <summary>507 as WebDAV clients know it (Nextcloud answers the same): the team's storage quota has no room for this file.</summary>
    public static Intake QuotaFull(long quota) => new(null, new ContentRefusal(Refused.StorageFull, "Storage quota reached",
        $"Your team's files may take {quota:N0} bytes in all and this file does not fit. Empty the trash or ask an admin for more space.",
        "quota_exceeded"));
}

/// <summary>
/// The one way bytes become a stored content (issue 26.3): uploads, new versions, files sent through links and WebDAV all come
/// here, so a limit, a count or a store applies to every one of them alike.
/// </summary>
internal sealed class ContentIntake(IBlobStore blobs, StorageQuota quotas)
{
    /// <summary>
    /// Streams <paramref name="body"/> into the store for a team's file, refusing it past <paramref name="limit"/> bytes or
    /// past what the team's quota leaves. The quota is read once, before the bytes: uploads running at the same moment may
    /// together go past it by their own sizes, as in Nextcloud; the next one is refused.
    /// </summary>
    public async Task<Intake> StoreAsync(Guid teamId, Stream body, long limit, CancellationToken ct)
    {
        var room = await quotas.RemainingAsync(teamId, ct);
        var allowed = room is { Remaining: var remaining } && remaining < limit ? remaining : limit;
        StoredBlob blob;
        try { blob = await blobs.WriteAsync(body, allowed, ct); }
        catch (BlobTooLargeException) { return allowed < limit ? Intake.QuotaFull(room!.Value.Quota) : Intake.TooLarge(limit); }
        TeamShareMetrics.BlobsWritten.Add(1);
        TeamShareMetrics.BytesWritten.Add(blob.Size);
        return new Intake(blob, null);
    }
}
