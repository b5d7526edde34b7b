using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace TeamShare.Spaces.Items;

/// <summary>
/// Where a page of a folder's listing ended: folders first, then by name key (unique within a folder), so the next page
/// starts strictly after it (keyset paging: the same cost on page 1 and page 20, and no item skipped or repeated).
/// </summary>
internal sealed record FolderCursor(int KindOrder, string NameKey)
{
    public const int MaxPage = 1000;

    public string Encode() => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes($"{KindOrder}|{NameKey}"));

    public static bool TryDecode(string? text, out FolderCursor? cursor)
    {
        cursor = null;
        if (string.IsNullOrEmpty(text)) return true;
        try
        {
            var parts = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(text)).Split('|', 2);
            if (parts.Length != 2 || parts[0] is not ("0" or "1") || parts[1].Length == 0) return false;
            cursor = new FolderCursor(parts[0] == "0" ? 0 : 1, parts[1]);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}

/// <summary>One page of a folder; <paramref name="Next"/> is null on the last page.</summary>
internal sealed record FolderPage(IReadOnlyList<ItemDto> Items, FolderCursor? Next);
