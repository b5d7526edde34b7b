using System.Globalization;
using TeamShare.Spaces.Data;

namespace TeamShare.Spaces.Items;

/// <summary>
/// How a folder is listed (issue 12): folders first, then by name, size or date, either way; ties by name key, which is
/// unique within a folder, so keyset paging never skips or repeats an item.
/// </summary>
internal sealed record FolderSort(string Key, bool Descending)
{
    public static readonly FolderSort Default = new("name", false);
    public static readonly string[] Keys = ["name", "size", "modified"];

    public string Text => Descending ? $"{Key}-desc" : Key;

    /// <summary>"name", "size-desc", …; null when it names no known order.</summary>
    public static FolderSort? Parse(string? text)
    {
        if (string.IsNullOrEmpty(text)) return Default;
        var descending = text.EndsWith("-desc", StringComparison.Ordinal);
        var key = descending ? text[..^5] : text;
        return Keys.Contains(key) ? new FolderSort(key, descending) : null;
    }

    /// <summary>The value an item is ordered by besides its kind and name: its size, or its modification time in ticks.</summary>
    public long ValueOf(Item item) => Key switch { "size" => item.Size, "modified" => item.ModifiedAt.Ticks, _ => 0 };
}

/// <summary>
/// Where a page of a folder's listing ended, in the order it was listed by (keyset paging: the same cost on page 1 and page
/// 20, and no item skipped or repeated).
/// </summary>
internal sealed record FolderCursor(int KindOrder, string NameKey, long Value = 0, string Sort = "name")
{
    public string Encode() => KeysetPages.Encode(
        Sort == "name" ? $"{KindOrder}|{NameKey}" : $"{Sort}|{Value.ToString(CultureInfo.InvariantCulture)}|{KindOrder}|{NameKey}");

    public static bool TryDecode(string? text, out FolderCursor? cursor) => TryDecode(text, FolderSort.Default, out cursor);

    /// <summary>False for a damaged cursor or one made for another order.</summary>
    public static bool TryDecode(string? text, FolderSort sort, out FolderCursor? cursor)
    {
        cursor = null;
        if (string.IsNullOrEmpty(text)) return true;
        if (KeysetPages.Decode(text) is not { } raw) return false;
        var (sortText, value, rest) = ("name", 0L, raw);
        if (sort.Text != "name")
        {
            var head = raw.Split('|', 3);
            if (head.Length != 3 || head[0] != sort.Text || !long.TryParse(head[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out value)) return false;
            (sortText, rest) = (head[0], head[2]);
        }
        var parts = rest.Split('|', 2);
        if (parts.Length != 2 || parts[0] is not ("0" or "1") || parts[1].Length == 0) return false;
        cursor = new FolderCursor(parts[0] == "0" ? 0 : 1, parts[1], value, sortText);
        return true;
    }
}

/// <summary>One page of a folder; <paramref name="Next"/> is null on the last page.</summary>
internal sealed record FolderPage(IReadOnlyList<ItemDto> Items, FolderCursor? Next);
