using TeamShare.SharedKernel.Caching;
using System.Collections.Frozen;
using System.Text.Json;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using TeamShare.SharedKernel.Jobs;

namespace TeamShare.SharedKernel.Data;

/// <summary>
/// A notification saved in the same transaction as the change it reports. It is published right after the commit and the
/// row removed; if the process dies in between (or a handler fails), the module's relay publishes it later. Handlers of
/// such notifications must be idempotent by the notification's event id.
/// </summary>
[NotWatched]
public sealed class PendingNotification
{
    public Guid Id { get; set; }
    public required string Type { get; set; }
    public required string Payload { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>The notification types a relay may publish, fixed at start, so a row in the database never chooses a type.</summary>
public sealed class DurableNotificationTypes(IEnumerable<DurableNotificationType> types)
{
    private readonly FrozenDictionary<string, Type> _byName = types.DistinctBy(t => t.Type).ToFrozenDictionary(t => t.Type.FullName!, t => t.Type);
    public Type? Find(string name) => _byName.GetValueOrDefault(name);
}

public sealed record DurableNotificationType(Type Type);

public static class DurableNotifications
{
    /// <summary>Relaying waits this long, so it does not race the request that is about to publish the row itself.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromMinutes(1);

    public static void ConfigurePendingNotifications(this ModelBuilder builder, string module) =>
        builder.Entity<PendingNotification>(e =>
        {
            e.ToTable($"{module}_pending_notifications");
            e.Property(x => x.Type).HasMaxLength(200);
            e.HasIndex(x => x.CreatedAt);
        });

    /// <summary>A module's relay, run every minute, and the types it may publish.</summary>
    public static IServiceCollection AddNotificationRelay<TContext>(this IServiceCollection services, string module, params Type[] types)
        where TContext : DbContext
    {
        foreach (var type in types) services.AddSingleton(new DurableNotificationType(type));
        services.TryAddSingleton<DurableNotificationTypes>();
        services.TryAddScoped<StagedNotifications>();
        return services.AddRecurringJob<NotificationRelay<TContext>>($"{module}-notification-relay", "* * * * *");
    }

    /// <summary>
    /// Adds the notification to the unit of work; the caller's SaveChanges writes it with the change. Handlers stage through
    /// <see cref="StagedNotifications"/>, which also publishes it after the commit; this alone leaves it to the relay.
    /// </summary>
    public static PendingNotification Stage<T>(this DbContext db, T notification, Guid eventId, DateTime now) where T : INotification =>
        db.Set<PendingNotification>().Add(new PendingNotification
        {
            Id = eventId, Type = typeof(T).FullName!, Payload = JsonSerializer.Serialize(notification), CreatedAt = now,
        }).Entity;
}

/// <summary>Publishes what a crash or a failed handler left behind, oldest first, and removes each row once published.</summary>
public sealed class NotificationRelay<TContext>(TContext db, IPublisher publisher, DurableNotificationTypes types, TimeProvider clock,
    ILogger<NotificationRelay<TContext>> logger) : IRecurringJob where TContext : DbContext
{
    public async Task RunAsync(CancellationToken ct)
    {
        var before = clock.GetUtcNow().UtcDateTime - DurableNotifications.Grace;
        var rows = await db.Set<PendingNotification>().Where(n => n.CreatedAt <= before).OrderBy(n => n.CreatedAt).Take(500).ToListAsync(ct);
        foreach (var row in rows)
        {
            if (types.Find(row.Type) is not { } type || JsonSerializer.Deserialize(row.Payload, type) is not { } notification)
            {
                logger.LogError("Pending notification {Id} has unknown type {Type}; it is kept for inspection.", row.Id, row.Type);
                continue;
            }
            await publisher.Publish(notification, ct);
            // A delete that finds nothing is fine: an overlapping run (another instance) published and removed it too.
            await db.Set<PendingNotification>().Where(n => n.Id == row.Id).ExecuteDeleteAsync(ct);
        }
    }
}
