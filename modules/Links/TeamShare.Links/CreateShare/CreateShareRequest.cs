namespace TeamShare.Links.CreateShare;

/// <summary>POST /api/shares. Omitted options take the defaults: preview and download on, no password, permanent.</summary>
internal sealed record CreateShareRequest(
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
    string? Remarks = null);

internal sealed record ShareResponse(
    Guid Id, string Name, string? Url, IReadOnlyList<Guid> ItemIds, bool AllowPreview, int? PreviewLimit, bool AllowDownload,
    bool TeamOnly, DateTime? ExpiresAt, string? Remarks, string Status, DateTime CreatedAt, int PreviewCount, int DownloadCount);
