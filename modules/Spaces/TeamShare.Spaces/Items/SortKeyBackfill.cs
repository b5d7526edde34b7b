using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TeamShare.Spaces.Data;

namespace TeamShare.Spaces.Items;

/// <summary>
/// Issue 28: items saved before natural order have no sort key (the migration cannot compute one in SQL); the first start
/// after the upgrade gives each its key, in batches, before the instance serves. Later starts find none and read one row.
/// Several instances doing it at once write the same values.
/// </summary>
internal sealed class SortKeyBackfill(IServiceScopeFactory scopes, ILogger<SortKeyBackfill> log) : IHostedService
{
    private const int Batch = 1000;

    public async Task StartAsync(CancellationToken cancellationToken)
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

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
