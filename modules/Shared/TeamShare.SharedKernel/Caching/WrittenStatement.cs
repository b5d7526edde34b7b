using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore.Metadata;

namespace TeamShare.SharedKernel.Caching;

/// <summary>
/// Whether a statement sent outside <c>SaveChanges</c> (<c>ExecuteUpdate</c>, <c>ExecuteDelete</c>, raw SQL) wrote
/// something the feed watches, read from its text: a write to a table marked <see cref="NotWatchedAttribute"/>, or an
/// <c>UPDATE</c> that sets only counters, is not; any other write is, for every team (the statement does not say which).
/// EF Core does not send query tags with these statements, so the text is all there is.
/// </summary>
internal static partial class WrittenStatement
{
    public static bool Watched(string sql, IModel model)
    {
        var text = sql.AsSpan().TrimStart();
        var update = text.StartsWith("UPDATE ", StringComparison.OrdinalIgnoreCase);
        var table = Target(text, "UPDATE ") ?? Target(text, "DELETE FROM ") ?? Target(text, "INSERT INTO ");
        if (table is null) return false;
        var unwatched = WatchedType.UnwatchedColumns(model, table);
        if (unwatched is null) return false;
        if (!update || unwatched.Count == 0) return true;
        // EF writes one setter per line: SET "A" = …,\n    "B" = …
        var set = Setter().Matches(sql);
        return set.Count == 0 || set.Any(m => !unwatched.Contains(m.Groups[1].Value));
    }

    private static string? Target(ReadOnlySpan<char> text, string verb)
    {
        if (!text.StartsWith(verb, StringComparison.OrdinalIgnoreCase)) return null;
        var rest = text[verb.Length..].TrimStart();
        var quoted = rest.StartsWith("\"");
        if (quoted) rest = rest[1..];
        var end = rest.IndexOfAny(quoted ? "\"" : " \n(");
        return (end < 0 ? rest : rest[..end]).ToString();
    }

    [GeneratedRegex("""^(?:SET |\s+)"([^"]+)" = """, RegexOptions.Multiline)]
    private static partial Regex Setter();
}
