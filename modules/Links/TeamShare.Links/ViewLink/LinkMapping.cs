using TeamShare.Links.Create;
using TeamShare.Links.Data;
using TeamShare.Links.QrCodes;

namespace TeamShare.Links;

internal static class LinkMapping
{
    public static readonly string[] Statuses = ["active", "expired", "canceled", "limit_reached", "item_in_trash", "blocked_by_policy"];

    /// <summary>What the share's own row says; item and policy states are layered on by My Shares.</summary>
    public static string StatusOf(Link s, DateTime now) =>
        s.CanceledAt is not null ? "canceled"
        : s.ExpiresAt <= now ? "expired"
        : s.PreviewLimit is { } limit && s.PreviewCount >= limit ? "limit_reached"
        : "active";

    public static LinkResponse ToResponse(Link s, string? url, DateTime now, QrCodeDto? qr = null, string? status = null) =>
        new(s.Id, s.Name, url, s.Items.OrderBy(i => i.Position).Select(i => i.ItemId).ToList(), s.AllowPreview, s.PreviewLimit, s.AllowEdit,
            s.AllowDownload, s.TeamOnly, s.AllowUpload, s.PasswordHash is not null, s.ExpiresAt, s.Remarks, status ?? StatusOf(s, now),
            s.CreatedAt, s.PreviewCount, s.DownloadCount, s.UploadCount, qr, Audiences.Of(s), !s.NoticesOff, s.UploadLimitBytes, s.UploadedBytes);
}
