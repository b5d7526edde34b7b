using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace TeamShare.IntegrationTests;

/// <summary>
/// Counts the SQL commands EF Core runs inside one async flow (tests running in parallel are not counted). It listens from
/// the moment the test assembly loads: EF Core remembers whether anyone listened when a pooled context first logged.
/// </summary>
public sealed class QueryCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>
{
    private static readonly AsyncLocal<List<Command>?> Current = new();

    /// <summary>A command as it ran: its text and its parameters' names and values, so a test can ask for its plan.</summary>
    public sealed record Command(string Text, IReadOnlyList<(string Name, object? Value)> Parameters);
    private static readonly QueryCounter Instance = new();

    [ModuleInitializer]
    internal static void Listen() => DiagnosticListener.AllListeners.Subscribe(Instance);

    public static async Task<int> CountAsync(Func<Task> action) => (await CaptureAsync(action)).Count;

    /// <summary>The SQL text of every command the action ran, in order.</summary>
    public static async Task<IReadOnlyList<string>> CaptureAsync(Func<Task> action) =>
        (await CaptureCommandsAsync(action)).Select(c => c.Text).ToList();

    public static async Task<IReadOnlyList<Command>> CaptureCommandsAsync(Func<Task> action)
    {
        var commands = new List<Command>();
        Current.Value = commands;
        try { await action(); }
        finally { Current.Value = null; }
        lock (commands) return commands.ToList();
    }

    public void OnNext(DiagnosticListener listener)
    {
        if (listener.Name == "Microsoft.EntityFrameworkCore") listener.Subscribe(this);
    }

    public void OnNext(KeyValuePair<string, object?> e)
    {
        if (e.Key == "Microsoft.EntityFrameworkCore.Database.Command.CommandExecuting" && Current.Value is { } commands
            && e.Value is Microsoft.EntityFrameworkCore.Diagnostics.CommandEventData data)
        {
            var parameters = data.Command.Parameters.Cast<System.Data.Common.DbParameter>().Select(p => (p.ParameterName, p.Value)).ToList();
            lock (commands) commands.Add(new Command(data.Command.CommandText, parameters));
        }
    }

    public void OnCompleted() { }
    public void OnError(Exception error) { }
}
