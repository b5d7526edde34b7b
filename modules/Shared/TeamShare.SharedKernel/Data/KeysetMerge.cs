namespace TeamShare.SharedKernel.Data;

/// <summary>
/// One page, newest first, from several sources each keyset-paged by time-ordered ids (Guid v7; .NET, SQLite text and
/// PostgreSQL uuid order them alike). A source that filled its page knows nothing below its last row, so the merged page ends
/// there: rows of other sources below that id come on the next page, whose cursor is that id.
/// </summary>
public static class KeysetMerge
{
    /// <param name="lastOfFullPages">Per source, the id of its last row when it filled its page; null when it had no more.</param>
    /// <returns>The lowest id the merged page may hold, which is also the next page's cursor; null when every source is done.</returns>
    public static Guid? End(params ReadOnlySpan<Guid?> lastOfFullPages)
    {
        Guid? end = null;
        foreach (var id in lastOfFullPages)
            if (id is { } last && (end is null || last.CompareTo(end.Value) > 0)) end = last;
        return end;
    }

    public static bool Within(Guid id, Guid? end) => end is not { } last || id.CompareTo(last) >= 0;
}
