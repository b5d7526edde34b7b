using System.Globalization;

namespace TeamShare.Policy.Decisions;

/// <summary>
/// AD-2 approved list. Entries are e-mail addresses or domains, compared case-insensitively with internationalised
/// domains in their ASCII (punycode) form. A domain covers itself and its subdomains, never a look-alike:
/// "example.com" covers "a.example.com", not "badexample.com" nor "example.com.evil.org".
/// </summary>
internal static class ApprovedList
{
    public sealed record Entry(string Kind, string Value);

    /// <summary>The stored form of what an admin typed, or null when it is neither an address nor a domain.</summary>
    public static Entry? Normalize(string? input)
    {
        var text = input?.Trim() ?? "";
        if (text.Length is 0 or > 320) return null;
        var at = text.LastIndexOf('@');
        if (at > 0)
        {
            var domain = AsciiDomain(text[(at + 1)..]);
            var local = text[..at].ToLowerInvariant();
            return domain is null || local.Any(c => char.IsWhiteSpace(c) || c == '@') ? null : new Entry("address", $"{local}@{domain}");
        }
        var bare = text.TrimStart('*').TrimStart('@').TrimStart('.');
        return AsciiDomain(bare) is { } d ? new Entry("domain", d) : null;
    }

    public static bool Covers(IEnumerable<string> values, string email)
    {
        if (Normalize(email) is not { Kind: "address" } address) return false;
        var host = address.Value[(address.Value.LastIndexOf('@') + 1)..];
        return values.Any(v => v.Contains('@')
            ? v == address.Value
            : host == v || host.EndsWith("." + v, StringComparison.Ordinal));
    }

    public static string? DomainOf(string email) =>
        Normalize(email) is { Kind: "address" } a ? a.Value[(a.Value.LastIndexOf('@') + 1)..] : null;

    private static string? AsciiDomain(string domain)
    {
        domain = domain.Trim().TrimEnd('.');
        if (domain.Length == 0 || !domain.Contains('.')) return null;
        try
        {
            // A new mapping per call: IdnMapping does not promise that one instance is safe across threads.
            var ascii = new IdnMapping { UseStd3AsciiRules = true }.GetAscii(domain).ToLowerInvariant();
            return ascii.Split('.').All(label => label.Length is > 0 and <= 63) ? ascii : null;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
