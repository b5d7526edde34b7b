using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TeamShare.SharedKernel.Hosting;
using TeamShare.Spaces.Data;

namespace TeamShare.Spaces.Items;

/// <summary>
/// Issue 28: items saved before natural order have no sort key (the migration cannot compute one in SQL); the first start
/// after the upgrade gives each its key, in batches. It runs a moment after the server has started (AfterStart), not
/// before it is ready (issue 24, B10: it made the Spaces module's context on every start to find nothing); until it is
/// done, the items of before the upgrade list first in name order. Later starts find none and read one row. Several
/// instances write the same values.
/// </summary>
internal sealed class SortKeyBackfill(IServiceScopeFactory scopes, IHostApplicationLifetime lifetime, ILogger<SortKeyBackfill> log)
    : BackgroundService
{
    private const int Batch = 1000;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await AfterStart.WaitAsync(lifetime, stoppingToken);
        try { await RunAsync(stoppingToken); }
        catch (Exception e) when (e is not OperationCanceledException) { log.LogError(e, "Giving items their natural sort key failed; the next start tries again"); }
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SpacesDbContext>();
        var done = 0;
        while (true)
        {
            var items = await db.Items.Where(i => i.SortKey == "").OrderBy(i => i.Id).Take(Batch).ToListAsync(cancellationToken);
            if (items.Count == 0) break;
            foreach (var item in items) item.SortKey = ItemNames.SortKey(item.Name);
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            done += items.Count;
        }
        if (done > 0) log.LogInformation("Gave {Count} items their natural sort key", done);
    }
}
