using TeamShare.Links.QrCodes;

namespace TeamShare.Links.Create;

/// <summary>POST /api/shares. Omitted options take the defaults: preview and download on, no password, permanent (where policy allows),
/// mails to the sharer as their default says (<c>notify</c>, issue 11).</summary>
internal sealed record CreateLinkBody(
    IReadOnlyList<Guid>? ItemIds,
    string? Name = null,
    bool? AllowPreview = null,
    int? PreviewLimit = null,
    bool? AllowEdit = null,
    bool? AllowDownload = null,
    bool? TeamOnly = null,
    bool? AllowUpload = null,
    string? Password = null,
    DateTime? ExpiresAt = null,
    string? Remarks = null,
    string? Audience = null,
    bool? Notify = null,
    long? UploadLimitBytes = null);

/// <param name="Url">The link, known only when it is made: the database keeps the token's hash, not the token.</param>
internal sealed record LinkResponse(
    Guid Id, string Name, string? Url, IReadOnlyList<Guid> ItemIds, bool AllowPreview, int? PreviewLimit, bool AllowEdit, bool AllowDownload,
    bool TeamOnly, bool AllowUpload, bool HasPassword, DateTime? ExpiresAt, string? Remarks, string Status, DateTime CreatedAt,
    int PreviewCount, int DownloadCount, int UploadCount, QrCodeDto? QrCode, string Audience, bool Notify = true,
    long? UploadLimitBytes = null, long UploadedBytes = 0)
{
    public string? QrCodeUrl => QrCode?.ImageUrl;
}
