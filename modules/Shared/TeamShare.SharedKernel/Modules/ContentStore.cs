namespace TeamShare.SharedKernel.Modules;

/// <summary>
/// The store that keeps file contents, as the host sees it (issue 26.3): made ready before the first start-up write, and asked
/// by /health/ready, whichever store holds the bytes.
/// </summary>
public interface IContentStore
{
    /// <summary>Creates what the store needs (a directory, a bucket); throws <see cref="ContentStoreUnavailableException"/>.</summary>
    Task PrepareAsync(CancellationToken ct);

    /// <summary>Why this instance cannot store uploads now (the store unreachable, its disk nearly full), or null.</summary>
    Task<string?> UnreadyReasonAsync(CancellationToken ct);
}

/// <summary>The content store cannot be used; the message starts with the setting to look at.</summary>
public sealed class ContentStoreUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
