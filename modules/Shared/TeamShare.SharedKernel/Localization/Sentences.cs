using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
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
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
        try
        {
            return patterns = t.GetAllStrings(includeParentCultures: false).Select(s => s.Name)
                .Where(k => k.EndsWith('.') && Placeholder().IsMatch(k))
                .Select(k => (new Regex("^" + Placeholder().Replace(Regex.Escape(k).Replace(@"\{", "{"), "(.+?)") + "$", RegexOptions.Singleline), k))
                .ToArray();
        }
        finally { CultureInfo.CurrentUICulture = previous; }
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

/// <summary>
/// The words page scripts show (<c>Scripts.resx</c>, <c>Scripts.pl.resx</c>), handed to the page as one JSON object the shared
/// module reads (<c>t()</c> in teamshare.js). English needs none: scripts are written in English.
/// </summary>
public sealed class Scripts
{
    private static readonly ConcurrentDictionary<string, string> Json = new();

    /// <summary>The current language's script words as JSON, made once per language.</summary>
    public static string? WordsFor(IStringLocalizer<Scripts> words)
    {
        var culture = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        if (culture == "en") return null;
        // The default encoder escapes < and > too, so no word can close the script element it sits in.
        return Json.GetOrAdd(culture, _ => JsonSerializer.Serialize(
            words.GetAllStrings(includeParentCultures: false).ToDictionary(s => s.Name, s => s.Value)));
    }
}
