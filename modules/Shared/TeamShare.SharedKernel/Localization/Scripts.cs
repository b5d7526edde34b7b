using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Localization;

namespace TeamShare.SharedKernel.Localization;

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
        var culture = Cultures.Current;
        if (culture == "en") return null;
        // The default encoder escapes < and > too, so no word can close the script element it sits in.
        return Json.GetOrAdd(culture, _ => JsonSerializer.Serialize(
            words.GetAllStrings(includeParentCultures: false).ToDictionary(s => s.Name, s => s.Value)));
    }
}
