using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace TeamShare.IntegrationTests;

/// <summary>Issue 24: nothing is logged per request at the production level (appsettings.json's levels).</summary>
public sealed class LogQuietTests
{
    [Fact]
    public async Task LK7_a_hundred_link_opens_write_no_log_line_at_the_production_level()
    {
        var lines = new LogLines();
        using var plain = new TeamShareFactory();
        using var host = plain.WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(lines)));
        var mia = await plain.ClientForAsync("mia@acme.test");
        var item = (await mia.UploadOk((await mia.PersonalSpace()).Id(), "quiet.txt", "quiet"u8.ToArray())).Id();
        var url = (await mia.ShareOk(new { itemIds = new[] { item } })).GetProperty("url").GetString()!;
        var visitor = host.CreateClient();
        visitor.DefaultRequestHeaders.Add("Accept", "text/html");
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync(new Uri(url).PathAndQuery)).StatusCode);

        lines.Clear();
        for (var i = 0; i < 100; i++)
            Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync(new Uri(url).PathAndQuery)).StatusCode);
        Assert.True(lines.Count == 0, string.Join("\n", lines.Take(5)));
    }

    /// <summary>Every line the host's configured levels let through to a provider.</summary>
    private sealed class LogLines : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> _lines = new();
        public int Count => _lines.Count;
        public void Clear() => _lines.Clear();
        public IEnumerable<string> Take(int n) => _lines.Take(n);
        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);
        public void Dispose() { }

        private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
            public bool IsEnabled(LogLevel logLevel) => true;
            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)}");
        }
    }
}
