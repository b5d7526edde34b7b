using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace TeamShare.SharedKernel.Caching;

/// <summary>
/// Listens on <see cref="ChangeFeed.Channel"/> on a connection of its own and tells the feed what other instances (and this
/// one) committed. While it is not listening the feed is not trusted: caches are bypassed until it listens again and has
/// dropped them. An idle connection is checked every few seconds, so a connection lost without a word is noticed too.
/// </summary>
internal sealed class PostgresChangeListener(ChangeFeed feed, string connectionString, ILogger<PostgresChangeListener> logger) : BackgroundService
{
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var connection = new NpgsqlConnectionStringBuilder(connectionString) { ApplicationName = ChangeFeed.ListenerName, Pooling = false }.ToString();
        var retry = TimeSpan.FromMilliseconds(100);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var listener = new NpgsqlConnection(connection);
                await listener.OpenAsync(stoppingToken);
                listener.Notification += (_, e) => feed.Heard(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {ChangeFeed.Channel}", listener))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                feed.Trust();
                retry = TimeSpan.FromMilliseconds(100);
                while (true)
                {
                    if (await listener.WaitAsync(Idle, stoppingToken)) continue;
                    await using var ping = new NpgsqlCommand("SELECT 1", listener);
                    await ping.ExecuteScalarAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            // Whatever broke the connection, the answer is the same (and an escaping exception would stop the host).
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                feed.Distrust();
                logger.LogWarning("The change feed's connection was lost ({Reason}); caches are bypassed until it is back.", e.Message);
                try { await Task.Delay(retry, stoppingToken); }
                catch (OperationCanceledException) { break; }
                retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
            }
        }
        feed.Distrust();
    }
}
