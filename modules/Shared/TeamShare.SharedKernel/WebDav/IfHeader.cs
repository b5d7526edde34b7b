namespace TeamShare.SharedKernel.WebDav;

/// <summary>One condition of an If header list: a lock token or an entity tag, possibly negated (RFC 4918 §10.4).</summary>
public sealed record IfCondition(bool Not, string? Token, string? ETag);

/// <param name="Resource">The tagged resource's path (a tagged list), or null for the request's own resource.</param>
public sealed record IfList(string? Resource, IReadOnlyList<IfCondition> Conditions);

/// <summary>The If header: lists of conditions; it holds when any list holds, and a list holds when all its conditions do.</summary>
public sealed class IfHeader
{
    public IReadOnlyList<IfList> Lists { get; }

    private IfHeader(IReadOnlyList<IfList> lists) => Lists = lists;

    /// <summary>Every lock token named (not negated): the tokens the client submits for locked resources.</summary>
    public IEnumerable<string> SubmittedTokens => Lists.SelectMany(l => l.Conditions).Where(c => !c.Not && c.Token is not null).Select(c => c.Token!);

    /// <summary>Null when the header is absent; throws <see cref="FormatException"/> when it does not parse (400).</summary>
    public static IfHeader? Parse(string? header)
    {
        if (string.IsNullOrWhiteSpace(header)) return null;
        var lists = new List<IfList>();
        var s = header;
        var i = 0;
        string? resource = null;
        while (true)
        {
            while (i < s.Length && char.IsWhiteSpace(s[i])) i++;
            if (i >= s.Length) break;
            if (s[i] == '<')
            {
                var end = s.IndexOf('>', i);
                if (end < 0) throw new FormatException("Unterminated resource tag in If.");
                resource = PathOf(s[(i + 1)..end]);
                i = end + 1;
                continue;
            }
            if (s[i] != '(') throw new FormatException("Expected ( in If.");
            i++;
            var conditions = new List<IfCondition>();
            while (true)
            {
                while (i < s.Length && char.IsWhiteSpace(s[i])) i++;
                if (i >= s.Length) throw new FormatException("Unterminated list in If.");
                if (s[i] == ')') { i++; break; }
                var not = false;
                if (string.Compare(s, i, "Not", 0, 3, StringComparison.OrdinalIgnoreCase) == 0)
                {
                    not = true;
                    i += 3;
                    while (i < s.Length && char.IsWhiteSpace(s[i])) i++;
                }
                if (i < s.Length && s[i] == '<')
                {
                    var end = s.IndexOf('>', i);
                    if (end < 0) throw new FormatException("Unterminated state token in If.");
                    conditions.Add(new IfCondition(not, s[(i + 1)..end], null));
                    i = end + 1;
                }
                else if (i < s.Length && s[i] == '[')
                {
                    var end = s.IndexOf(']', i);
                    if (end < 0) throw new FormatException("Unterminated entity tag in If.");
                    conditions.Add(new IfCondition(not, null, s[(i + 1)..end].Trim()));
                    i = end + 1;
                }
                else throw new FormatException("Expected a state token or an entity tag in If.");
            }
            if (conditions.Count == 0) throw new FormatException("An empty list in If.");
            lists.Add(new IfList(resource, conditions));
        }
        if (lists.Count == 0) throw new FormatException("No list in If.");
        return new IfHeader(lists);
    }

    /// <summary>A tagged resource is an absolute URI or a path; only its path (unescaped) matters to us.</summary>
    private static string PathOf(string tag) =>
        Uri.UnescapeDataString(Uri.TryCreate(tag, UriKind.Absolute, out var uri) && uri.Scheme.StartsWith("http") ? uri.AbsolutePath : tag);
}
