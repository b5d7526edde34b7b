using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using TeamShare.SharedKernel.Data;

namespace TeamShare.Invitations.Data;

/// <summary>One mail waiting to go out (SH-9): written in the same transaction as the change it announces, sent by a job with a lease.</summary>
internal sealed class OutboxMail : IOutboxMessage
{
    public Guid Id { get; set; }
    public Guid TeamId { get; set; }
    public required string MessageId { get; set; }
    public required string To { get; set; }
    public required string Template { get; set; }
    public required string ModelJson { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? LeaseUntil { get; set; }
    public Guid? LeaseOwner { get; set; }
    public int Attempts { get; set; }
    public DateTime? NextAttemptAt { get; set; }
    public DateTime? SentAt { get; set; }
    public DateTime? FailedAt { get; set; }
    public string? LastError { get; set; }
    /// <summary>The person whose action caused the mail, who sees failures (SH-9); null for system mail.</summary>
    public Guid? SenderId { get; set; }

    public static OutboxMail Create(Guid teamId, string messageId, string to, string template, string modelJson, DateTime now, Guid? senderId = null) =>
        new()
        {
            Id = Guid.CreateVersion7(), TeamId = teamId, MessageId = messageId, To = to, Template = template, ModelJson = modelJson,
            CreatedAt = now, NextAttemptAt = now, SenderId = senderId,
        };
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
            e.Property(x => x.LastError).HasMaxLength(1000);
            e.HasIndex(x => new { x.SentAt, x.FailedAt, x.NextAttemptAt });
            e.HasIndex(x => x.LeaseOwner);
            e.HasIndex(x => x.SenderId);
        });
}

internal sealed class InvitationsDbContextFactory : IDesignTimeDbContextFactory<InvitationsDbContext>
{
    public InvitationsDbContext CreateDbContext(string[] args) =>
        new(ModuleDatabaseRegistration.DesignTimeOptions<InvitationsDbContext>(InvitationsDbContext.Module));
}
