using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using TeamShare.SharedKernel.Data;

namespace TeamShare.Invitations.Data;

/// <summary>One mail waiting to go out (SH-9): written in the same transaction as the change it announces, sent by a job with a lease.</summary>
/// <summary>Issue 28: the mails a member turned off on their notifications page; no row: every mail on.</summary>
internal sealed class MailSettings
{
    public Guid UserId { get; set; }
    public Guid TeamId { get; set; }
    public bool SharedWithMeOff { get; set; }
    public bool ExpiryRemindersOff { get; set; }
    public bool LinksExpiredOff { get; set; }
}

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
    /// <summary>The invitation this mail announces; it is sent only once that invitation's grant is applied.</summary>
    public Guid? InvitationId { get; set; }

    public static OutboxMail Create(Guid teamId, string messageId, string to, string template, string modelJson, DateTime now,
        Guid? senderId = null, Guid? invitationId = null) =>
        new()
        {
            Id = Guid.CreateVersion7(), TeamId = teamId, MessageId = messageId, To = to, Template = template, ModelJson = modelJson,
            CreatedAt = now, NextAttemptAt = now, SenderId = senderId, InvitationId = invitationId,
        };
}

/// <summary>
/// One recipient of one share from the dialog (SH-1..SH-4): the durable intent. For team recipients it is applied as a grant
/// in Spaces (the grant id is chosen here, so applying twice is harmless); an external recipient's access lives here,
/// reached through a signed link that every use checks against this row.
/// </summary>
internal sealed class Invitation
{
    public Guid Id { get; set; }
    public Guid TeamId { get; set; }
    public Guid ItemId { get; set; }
    public Guid SenderId { get; set; }
    public required string RecipientKind { get; set; }
    public Guid? RecipientId { get; set; }
    public string? RecipientEmail { get; set; }
    public int Role { get; set; }
    public Guid GrantId { get; set; }
    public string? Message { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? AppliedAt { get; set; }
    public DateTime? ExternalExpiresAt { get; set; }
    public DateTime? RevokedAt { get; set; }
    /// <summary>Bumped on revoke, so a signed link of an earlier version never works again.</summary>
    public int Version { get; set; } = 1;
    public DateTime? ReminderQueuedAt { get; set; }

    public bool IsExternal => RecipientKind == "external";
}

/// <remarks>Not sealed: <see cref="InvitationsPostgresDbContext"/> is the same model with PostgreSQL's own migrations.</remarks>
/// <summary>
/// A 6-digit code mailed to an outside recipient's invited address (issue 11). Only its hash is kept; it works for 10 minutes
/// and for 5 tries, once.
/// </summary>
internal sealed class RecipientCode
{
    public Guid Id { get; set; }
    public Guid InvitationId { get; set; }
    public required byte[] CodeHash { get; set; }
    /// <summary>Who asked for it (the throttle's key per address), never shown.</summary>
    public required string ClientAddress { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public int Attempts { get; set; }
    public DateTime? UsedAt { get; set; }
}

internal class InvitationsDbContext(DbContextOptions options) : DbContext(options)
{
    public const string Module = "invitations";

    public DbSet<OutboxMail> Outbox => Set<OutboxMail>();
    public DbSet<Invitation> Invitations => Set<Invitation>();
    public DbSet<RecipientCode> RecipientCodes => Set<RecipientCode>();
    public DbSet<MailSettings> MailSettings => Set<MailSettings>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configuration) => configuration.UseUtcDateTimes();

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.ConfigurePendingNotifications(Module);
        b.Entity<Invitation>(e =>
        {
            e.ToTable("invitations_invitations");
            e.Property(x => x.RecipientKind).HasMaxLength(16);
            e.Property(x => x.RecipientEmail).HasMaxLength(320);
            e.Property(x => x.Message).HasMaxLength(2000);
            e.HasIndex(x => new { x.TeamId, x.ItemId });
            // My Shares (issue 28): a member's invitations, newest first.
            e.HasIndex(x => new { x.SenderId, x.Id });
            e.HasIndex(x => x.AppliedAt);
            e.HasIndex(x => new { x.ExternalExpiresAt, x.ReminderQueuedAt });
        });
        b.Entity<RecipientCode>(e =>
        {
            e.ToTable("invitations_recipient_codes");
            e.Property(x => x.CodeHash).HasMaxLength(32);
            e.Property(x => x.ClientAddress).HasMaxLength(64);
            e.HasIndex(x => new { x.InvitationId, x.CreatedAt });
            e.HasIndex(x => new { x.ClientAddress, x.CreatedAt });
        });
        b.Entity<MailSettings>(e =>
        {
            e.ToTable("invitations_mail_settings");
            e.HasKey(x => x.UserId);
        });
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
            e.HasIndex(x => x.InvitationId);
            e.HasIndex(x => new { x.TeamId, x.CreatedAt });
        });
    }
}

internal sealed class InvitationsDbContextFactory : IDesignTimeDbContextFactory<InvitationsDbContext>
{
    public InvitationsDbContext CreateDbContext(string[] args) =>
        new(ModuleDatabaseRegistration.DesignTimeOptions<InvitationsDbContext>(InvitationsDbContext.Module));
}
