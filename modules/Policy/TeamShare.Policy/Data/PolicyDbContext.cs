using TeamShare.SharedKernel.Caching;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using TeamShare.SharedKernel.Data;

namespace TeamShare.Policy.Data;

internal static class EmailModes
{
    public const string Anyone = "anyone";
    public const string TeamAndApproved = "team_and_approved";
    public const string TeamOnly = "team_only";
    public static readonly string[] All = [Anyone, TeamAndApproved, TeamOnly];
}

internal static class LinkAudiences
{
    public static readonly string[] All = ["team", "anyone", "invited"];
}

internal static class LinkPermissions
{
    public static readonly string[] All = ["members_choose", "edit", "view"];
}

/// <summary>
/// A team's sharing settings (product.md section 5). A team without a row has these defaults (docs/policy.md), the
/// safe-but-useful ones a Google Workspace or Dropbox team starts with.
/// </summary>
internal sealed class TeamPolicy
{
    public Guid TeamId { get; set; }
    public bool ExternalSharingEnabled { get; set; } = true;
    public string EmailMode { get; set; } = EmailModes.TeamAndApproved;
    public bool LinksOutsideTeamEnabled { get; set; } = true;
    public string DefaultLinkAudience { get; set; } = "anyone";
    public string DefaultLinkPermission { get; set; } = "members_choose";
    public bool MembersMayOverrideLinkDefaults { get; set; } = true;
    public int? MaxExternalLinkExpiryDays { get; set; }
    public bool MembersMayChangeExpiry { get; set; } = true;
    public bool RequirePasswordForExternalLinks { get; set; }
    public bool LinkRestrictionsTeamWide { get; set; }
    public bool AllowExternalEditableFolders { get; set; } = true;
    /// <summary>Issue 11: an outside recipient proves with a mailed code that they hold the invited address (on by default).</summary>
    public bool RequireRecipientCode { get; set; } = true;
    /// <summary>Issue 25: document pages shown to people outside the team carry who they were shown to (on by default).</summary>
    public bool WatermarkOutsidePages { get; set; } = true;
    public DateTime UpdatedAt { get; set; }
    public Guid? UpdatedBy { get; set; }
}

/// <summary>AD-10: a channel's switch for sharing outside the team. No row means on.</summary>
internal sealed class ChannelSwitch
{
    public Guid TeamId { get; set; }
    public required string Channel { get; set; }
    public bool Enabled { get; set; }
}

/// <summary>AD-2: an approved address or domain, stored lower-case with the domain in its ASCII (punycode) form.</summary>
internal sealed class ApprovedEntry
{
    public Guid Id { get; set; }
    public Guid TeamId { get; set; }
    public required string Kind { get; set; }
    public required string Value { get; set; }
    public Guid AddedBy { get; set; }
    public DateTime AddedAt { get; set; }
}

/// <summary>AD-12: one line of sharing activity. Append-only: nothing updates or deletes these rows.</summary>
[NotWatched]
internal sealed class ActivityEntry
{
    public long Id { get; set; }
    public Guid TeamId { get; set; }
    public DateTime At { get; set; }
    public Guid? ActorId { get; set; }
    public required string Kind { get; set; }
    public Guid? SubjectId { get; set; }
    public string? Target { get; set; }
    /// <summary>The domain of an external e-mail target, for "domains shared with most" (links never set it).</summary>
    public string? TargetDomain { get; set; }
    public string? Details { get; set; }
    /// <summary>The notification this row came from; a notification published again after a crash is recorded once.</summary>
    public Guid? EventId { get; set; }
}

/// <remarks>Not sealed: <see cref="PolicyPostgresDbContext"/> is the same model with PostgreSQL's own migrations.</remarks>
internal class PolicyDbContext(DbContextOptions options) : DbContext(options)
{
    public const string Module = "policy";

    public DbSet<TeamPolicy> Policies => Set<TeamPolicy>();
    public DbSet<ChannelSwitch> ChannelSwitches => Set<ChannelSwitch>();
    public DbSet<ApprovedEntry> Approved => Set<ApprovedEntry>();
    public DbSet<ActivityEntry> Activity => Set<ActivityEntry>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configuration) => configuration.UseUtcDateTimes();

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.Entity<TeamPolicy>(e =>
        {
            e.ToTable("policy_team_policies");
            e.HasKey(x => x.TeamId);
            e.Property(x => x.EmailMode).HasMaxLength(32);
            e.Property(x => x.DefaultLinkAudience).HasMaxLength(32);
            e.Property(x => x.DefaultLinkPermission).HasMaxLength(32);
        });
        b.Entity<ChannelSwitch>(e =>
        {
            e.ToTable("policy_channel_switches");
            e.HasKey(x => new { x.TeamId, x.Channel });
            e.Property(x => x.Channel).HasMaxLength(64);
        });
        b.Entity<ApprovedEntry>(e =>
        {
            e.ToTable("policy_approved_entries");
            e.Property(x => x.Kind).HasMaxLength(16);
            e.Property(x => x.Value).HasMaxLength(320);
            e.HasIndex(x => new { x.TeamId, x.Value }).IsUnique();
        });
        b.Entity<ActivityEntry>(e =>
        {
            e.ToTable("policy_activity");
            e.Property(x => x.Kind).HasMaxLength(64);
            e.Property(x => x.Target).HasMaxLength(320);
            e.Property(x => x.TargetDomain).HasMaxLength(255);
            e.Property(x => x.Details).HasMaxLength(4000);
            e.HasIndex(x => new { x.TeamId, x.At });
            e.HasIndex(x => new { x.TeamId, x.TargetDomain });
            e.HasIndex(x => x.EventId).IsUnique();
        });
    }
}

internal sealed class PolicyDbContextFactory : IDesignTimeDbContextFactory<PolicyDbContext>
{
    public PolicyDbContext CreateDbContext(string[] args) =>
        new(ModuleDatabaseRegistration.DesignTimeOptions<PolicyDbContext>(PolicyDbContext.Module));
}
