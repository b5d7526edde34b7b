using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using TeamShare.SharedKernel.Data;

namespace TeamShare.Invitations.Data;

/// <summary>
/// One mail waiting to go out (SH-9): written in the same transaction as the grants it announces, sent by a job with a
/// lease. The sender arrives with the e-mail invitations issue; the table is here so the module owns its schema from day one.
/// </summary>
internal sealed class OutboxMail
{
    public Guid Id { get; set; }
    public Guid TeamId { get; set; }
    public required string MessageId { get; set; }
    public required string To { get; set; }
    public required string Template { get; set; }
    public required string ModelJson { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? LeaseUntil { get; set; }
    public int Attempts { get; set; }
    public DateTime? NextAttemptAt { get; set; }
    public DateTime? SentAt { get; set; }
    public string? LastError { get; set; }
}

internal sealed class InvitationsDbContext(DbContextOptions<InvitationsDbContext> options) : DbContext(options)
{
    public const string Module = "invitations";

    public DbSet<OutboxMail> Outbox => Set<OutboxMail>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configuration) => configuration.UseUtcDateTimes();

    protected override void OnModelCreating(ModelBuilder b) =>
        b.Entity<OutboxMail>(e =>
        {
            e.ToTable("invitations_outbox");
            e.Property(x => x.MessageId).HasMaxLength(200);
            e.Property(x => x.To).HasMaxLength(320);
            e.Property(x => x.Template).HasMaxLength(100);
            e.HasIndex(x => x.MessageId).IsUnique();
            e.HasIndex(x => new { x.SentAt, x.NextAttemptAt });
        });
}

internal sealed class InvitationsDbContextFactory : IDesignTimeDbContextFactory<InvitationsDbContext>
{
    public InvitationsDbContext CreateDbContext(string[] args) =>
        new(ModuleDatabaseRegistration.DesignTimeOptions<InvitationsDbContext>(InvitationsDbContext.Module));
}
