using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace TeamShare.IntegrationTests;

/// <summary>
/// Keeps the exceptions the host logs, so a test that meets a 500 fails naming the server's own exception instead of only
/// "expected Created, got InternalServerError" (a CI log is all there is to go on).
/// </summary>
public sealed class ServerErrors : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _errors = new();

    public string Describe() => _errors.IsEmpty ? "(the host logged no exception)" : string.Join("\n---\n", _errors);

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _errors);

    public void Dispose() { }

    private sealed class Logger(string category, ConcurrentQueue<string> errors) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Error) errors.Enqueue($"{category}: {formatter(state, exception)}\n{exception}");
        }
    }
}

/// <summary>Turns any 500 into a test failure that carries what the host logged.</summary>
public sealed class FailOnServerError(ServerErrors errors) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if ((int)response.StatusCode == 500)
            throw new Xunit.Sdk.XunitException(
                $"{request.Method} {request.RequestUri?.PathAndQuery} answered 500: {await response.Content.ReadAsStringAsync(cancellationToken)}\n{errors.Describe()}");
        return response;
    }
}
