using System.Diagnostics;

namespace TeamShare.IntegrationTests;

/// <summary>Counts the SQL commands EF Core runs inside one async flow (other tests running in parallel are not counted).</summary>
public sealed class QueryCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private static readonly AsyncLocal<QueryCounter?> Current = new();
    private readonly IDisposable _subscription;
    private int _count;

    public QueryCounter() => _subscription = DiagnosticListener.AllListeners.Subscribe(this);

    public async Task<int> CountAsync(Func<Task> action)
    {
        _count = 0;
        Current.Value = this;
        try { await action(); }
        finally { Current.Value = null; }
        return _count;
    }

    public void OnNext(DiagnosticListener listener)
    {
        if (listener.Name == "Microsoft.EntityFrameworkCore") listener.Subscribe(this);
    }

    public void OnNext(KeyValuePair<string, object?> e)
    {
        if (e.Key == "Microsoft.EntityFrameworkCore.Database.Command.CommandExecuting" && Current.Value == this)
            Interlocked.Increment(ref _count);
    }

    public void OnCompleted() { }
    public void OnError(Exception error) { }
    public void Dispose() => _subscription.Dispose();
}
