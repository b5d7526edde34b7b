using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using TeamShare.SharedKernel.Caching;

namespace TeamShare.IntegrationTests;

/// <summary>
/// What a test waits for before it counts an instance's queries: its change feed is told by a listener thread, so there is
/// nothing to await, and the feed is looked at until it shows what the next step needs (at most 10 s, then a failure).
/// </summary>
internal static class ChangeFeedWaits
{
    public static async Task UntilAsync(Func<bool> shown, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!shown() && clock.Elapsed < TimeSpan.FromSeconds(10)) await Task.Delay(5);
        Assert.True(shown(), what);
    }

    /// <summary>
    /// Until <paramref name="host"/> has heard every change committed so far. On PostgreSQL an instance hears its own writes
    /// again, and another's, a moment after their commit, which drops what was kept in between; notifications arrive in
    /// commit order, so once a marker sent now is heard, so is everything before it. On SQLite the feed is told at commit.
    /// </summary>
    public static async Task HeardSoFarAsync(TeamShareFactory host)
    {
        if (!TestDatabase.OnPostgres) return;
        var marker = Guid.NewGuid();
        await using (var connection = await TestDatabase.OpenAsync(host.DataDirectory))
        await using (var notify = connection.CreateCommand())
        {
            notify.CommandText = $"SELECT pg_notify('{ChangeFeed.Channel}', '{marker}')";
            await notify.ExecuteNonQueryAsync();
        }
        var feed = host.Services.GetRequiredService<ChangeFeed>();
        await UntilAsync(() => feed.Current(marker) is { Team: > 0 }, "the listener heard the marker");
    }
}
