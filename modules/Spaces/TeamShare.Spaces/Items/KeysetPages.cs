using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using TeamShare.SharedKernel.Validation;

namespace TeamShare.Spaces.Items;

/// <summary>
/// What the keyset-paged lists (a folder, shared with me) share: the page sizes a client may ask for, the refusals of a bad
/// size or cursor, and a cursor's text, which clients pass back unchanged and never read.
/// </summary>
internal static class KeysetPages
{
    public const int MaxPage = 1000;

    /// <summary>The refusal of a page size out of range, or null.</summary>
    public static IReadOnlyDictionary<string, string[]>? InvalidLimit(int? limit) =>
        limit is < 1 or > MaxPage ? Invalid.Field("limit", $"Ask for 1 to {MaxPage} items per page.") : null;

    public static IReadOnlyDictionary<string, string[]> CursorCheck(bool readable) =>
        readable ? Invalid.None : Invalid.Field("after", "Pass the \"after\" value from the previous page's Link header unchanged.");

    public static string Encode(string cursor) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(cursor));

    /// <summary>The cursor's text, or null when <paramref name="text"/> is not one this server wrote.</summary>
    public static string? Decode(string text)
    {
        try { return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(text)); }
        catch (FormatException) { return null; }
    }
}
