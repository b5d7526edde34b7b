using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using TeamShare.SharedKernel.Data;

namespace TeamShare.Webhooks.Data;

/// <summary>The team's incoming-webhook URL (a chat system's), set by an admin.</summary>
internal sealed class WebhookSettings
{
    public Guid TeamId { get; set; }
    public required string Url { get; set; }
    public DateTime UpdatedAt { get; set; }
    public Guid UpdatedBy { get; set; }
}

/// <summary>One notice waiting to be posted: the outbox of this channel.</summary>
internal sealed class WebhookDelivery : IOutboxMessage
{
    public Guid Id { get; set; }
    public Guid TeamId { get; set; }
    public Guid SharerId { get; set; }
    public required string PayloadJson { get; set; }
    public DateTime CreatedAt { get; set; }
    public int Attempts { get; set; }
    public DateTime? NextAttemptAt { get; set; }
    public DateTime? LeaseUntil { get; set; }
    public Guid? LeaseOwner { get; set; }
    public DateTime? SentAt { get; set; }
    public DateTime? FailedAt { get; set; }
    public string? LastError { get; set; }
}

/// <remarks>Not sealed: <see cref="WebhooksPostgresDbContext"/> is the same model with PostgreSQL's own migrations.</remarks>
internal class WebhooksDbContext(DbContextOptions options) : DbContext(options)
{
    public const string Module = "webhooks";

    public DbSet<WebhookSettings> Settings => Set<WebhookSettings>();
    public DbSet<WebhookDelivery> Deliveries => Set<WebhookDelivery>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configuration) => configuration.UseUtcDateTimes();

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.ConfigurePendingNotifications(Module);
        b.Entity<WebhookSettings>(e =>
        {
            e.ToTable("webhooks_settings");
            e.HasKey(x => x.TeamId);
            e.Property(x => x.Url).HasMaxLength(2000);
        });
        b.Entity<WebhookDelivery>(e =>
        {
            e.ToTable("webhooks_deliveries");
            e.Property(x => x.LastError).HasMaxLength(1000);
            e.HasIndex(x => new { x.SentAt, x.FailedAt, x.NextAttemptAt });
            e.HasIndex(x => x.LeaseOwner);
            e.HasIndex(x => new { x.TeamId, x.CreatedAt });
        });
    }
}

internal sealed class WebhooksDbContextFactory : IDesignTimeDbContextFactory<WebhooksDbContext>
{
    public WebhooksDbContext CreateDbContext(string[] args) =>
        new(ModuleDatabaseRegistration.DesignTimeOptions<WebhooksDbContext>(WebhooksDbContext.Module));
}
