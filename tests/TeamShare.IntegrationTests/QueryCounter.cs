using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace TeamShare.IntegrationTests;

/// <summary>
/// Counts the SQL commands EF Core runs inside one async flow (tests running in parallel are not counted). It listens from
/// the moment the test assembly loads: EF Core remembers whether anyone listened when a pooled context first logged.
/// </summary>
public sealed class QueryCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>
{
    private static readonly AsyncLocal<StrongBox<int>?> Current = new();
    private static readonly QueryCounter Instance = new();

    [ModuleInitializer]
    internal static void Listen() => DiagnosticListener.AllListeners.Subscribe(Instance);

    public static async Task<int> CountAsync(Func<Task> action)
    {
        var box = new StrongBox<int>();
        Current.Value = box;
        try { await action(); }
        finally { Current.Value = null; }
        return box.Value;
    }

    public void OnNext(DiagnosticListener listener)
    {
        if (listener.Name == "Microsoft.EntityFrameworkCore") listener.Subscribe(this);
    }

    public void OnNext(KeyValuePair<string, object?> e)
    {
        if (e.Key == "Microsoft.EntityFrameworkCore.Database.Command.CommandExecuting" && Current.Value is { } box)
            Interlocked.Increment(ref box.Value);
    }

    public void OnCompleted() { }
    public void OnError(Exception error) { }
}
