using TeamShare.Links.CreateShare;
using TeamShare.Links.Data;

namespace TeamShare.Links;

internal static class ShareMapping
{
    public static string StatusOf(Share s, DateTime now) =>
        s.CanceledAt is not null ? "canceled"
        : s.ExpiresAt <= now ? "expired"
        : s.PreviewLimit is { } limit && s.PreviewCount >= limit ? "limit_reached"
        : "active";

    /// <summary>The URL is known only right after creation: the database keeps the token's hash, not the token.</summary>
    public static ShareResponse ToResponse(Share s, string? url, DateTime now) =>
        new(s.Id, s.Name, url, s.Items.OrderBy(i => i.Position).Select(i => i.ItemId).ToList(), s.AllowPreview, s.PreviewLimit,
            s.AllowDownload, s.TeamOnly, s.ExpiresAt, s.Remarks, StatusOf(s, now), s.CreatedAt, s.PreviewCount, s.DownloadCount);
}
