using System.Text;

namespace TeamShare.Spaces.Items;

/// <summary>SP-2 name rules and clash renaming.</summary>
internal static class ItemNames
{
    public const int MaxBytes = 255;

    /// <summary>Null when the name is acceptable, otherwise what the user should fix.</summary>
    public static string? Problem(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return "Enter a name.";
        if (name.IndexOfAny(['/', '\\']) >= 0) return "A name cannot contain / or \\.";
        if (name.Any(char.IsControl)) return "A name cannot contain control characters.";
        if (name is "." or "..") return "A name cannot be . or ..";
        if (Encoding.UTF8.GetByteCount(name) > MaxBytes) return $"A name can be at most {MaxBytes} bytes long.";
        if (name != name.Trim()) return "A name cannot start or end with a space.";
        return null;
    }

    public static string Key(string name) => name.ToUpperInvariant();

    /// <summary>
    /// Issue 28, natural order: the name key with each run of digits written as its length (two digits) and its value without
    /// leading zeros, so f2 sorts before f10 and f10 before f100, as Explorer, Finder, Drive and Dropbox sort them. Ordinal
    /// comparison of these keys is that order; equal keys (f1, f01) fall back to the name key.
    /// </summary>
    public static string SortKey(string name)
    {
        var key = Key(name);
        var sorted = new StringBuilder(key.Length + 8);
        for (var i = 0; i < key.Length;)
        {
            if (!char.IsAsciiDigit(key[i])) { sorted.Append(key[i++]); continue; }
            var start = i;
            while (i < key.Length && char.IsAsciiDigit(key[i])) i++;
            var digits = key.AsSpan(start, i - start).TrimStart('0');
            if (digits.IsEmpty) digits = "0";
            sorted.Append(Math.Min(digits.Length, 99).ToString("00", System.Globalization.CultureInfo.InvariantCulture)).Append(digits);
        }
        return sorted.ToString();
    }
}
