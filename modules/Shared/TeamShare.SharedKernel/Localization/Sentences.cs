using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;

namespace TeamShare.SharedKernel.Localization;

/// <summary>
/// Sentences made in code (a problem's title and detail, a console page's "Saved."), put into the request's language at the
/// moment they are shown. They are keyed by their English text; one that carries values ("Files can be at most 5 bytes.")
/// matches the key written with placeholders ("Files can be at most {0} bytes."), whose translation then takes the values.
/// A sentence no key knows stays as it is.
/// </summary>
public static partial class Sentences
{
    private static (Regex Pattern, string Key)[]? patterns;

    /// <summary>
    /// The keys with values, as patterns, made once. Only sentences (ending with a full stop) take part, so a label such as
    /// "{0} file" never swallows a sentence that happens to end in "file".
    /// </summary>
    private static (Regex Pattern, string Key)[] Patterns(IStringLocalizer<Ui> t)
    {
        if (patterns is { } made) return made;
        using var neutral = Cultures.Use(CultureInfo.InvariantCulture);
        return patterns = t.GetAllStrings(includeParentCultures: false).Select(s => s.Name)
            .Where(k => k.EndsWith('.') && Placeholder().IsMatch(k))
            .Select(k => (new Regex("^" + Placeholder().Replace(Regex.Escape(k).Replace(@"\{", "{"), "(.+?)") + "$", RegexOptions.Singleline), k))
            .ToArray();
    }

    public static string Say(this IStringLocalizer<Ui> t, string english)
    {
        var found = t[english];
        if (!found.ResourceNotFound) return found.Value;
        foreach (var (pattern, key) in Patterns(t))
            if (pattern.Match(english) is { Success: true } match)
                return t[key, match.Groups.Values.Skip(1).Select(g => (object)g.Value).ToArray()];
        return english;
    }

    public static string? SayOrNull(this IStringLocalizer<Ui> t, string? english) => english is null ? null : t.Say(english);

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();
}
