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
}
