using System.Collections.Frozen;
using System.Globalization;

namespace TeamShare.SharedKernel.Text;

/// <summary>
/// Issue 28: a mail names a time in its reader's zone, not in UTC. Zones are IANA names, what a browser reports
/// (<c>Intl.DateTimeFormat().resolvedOptions().timeZone</c>); a machine without the tz database knows only UTC.
/// </summary>
public static class TimeZones
{
    public const string Utc = "UTC";

    private static readonly Lazy<(string[] Sorted, FrozenSet<string> Known)> zones = new(() =>
    {
        var sorted = TimeZoneInfo.GetSystemTimeZones().Select(z => z.Id).Where(id => id.Contains('/') && !id.StartsWith("Etc/", StringComparison.Ordinal))
            .Append(Utc).Distinct().Order(StringComparer.Ordinal).ToArray();
        return (sorted, sorted.ToFrozenSet(StringComparer.Ordinal));
    });

    public static IReadOnlyList<string> All => zones.Value.Sorted;

    public static bool IsKnown(string? id) => id is not null && zones.Value.Known.Contains(id);

    /// <summary>"2026-12-07 18:00 (Europe/Warsaw)"; an unknown or missing zone writes UTC, said as such.</summary>
    public static string Format(DateTime utc, string? zoneId)
    {
        var at = DateTime.SpecifyKind(utc, DateTimeKind.Utc);
        if (!IsKnown(zoneId) || zoneId == Utc) return at.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        var local = TimeZoneInfo.ConvertTimeFromUtc(at, TimeZoneInfo.FindSystemTimeZoneById(zoneId!));
        return $"{local.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} ({zoneId})";
    }
}
