using TeamShare.SharedKernel.Caching;
using TeamShare.SharedKernel.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using TeamShare.SharedKernel.Data;

namespace TeamShare.Links.Data;

internal sealed class Link
{
    public Guid Id { get; set; }
    public Guid TeamId { get; set; }
    public Guid OwnerUserId { get; set; }
    public Guid SpaceId { get; set; }
    public required string Name { get; set; }
    /// <summary>SHA-256 of the link token (LK-11): every lookup goes by it.</summary>
    public required byte[] TokenHash { get; set; }
    /// <summary>
    /// The token encrypted with the data-protection keys, so its owner can copy the link again (issue 12). Null for shares made
    /// before it was kept. Never used to find a share.
    /// </summary>
    public string? TokenProtected { get; set; }
    public bool AllowPreview { get; set; } = true;
    public int? PreviewLimit { get; set; }
    public bool AllowDownload { get; set; } = true;
    public bool TeamOnly { get; set; }
    /// <summary>AD-4 "only invited people": opens only for members who already have access to the item (implies TeamOnly).</summary>
    public bool InvitedOnly { get; set; }
    public bool AllowEdit { get; set; }
    /// <summary>Folders only (LK-8).</summary>
    public bool AllowUpload { get; set; }
    /// <summary>Slow salted hash (LK-11); null when the link has no password.</summary>
    public string? PasswordHash { get; set; }
    /// <summary>Changes whenever the password does, so unlock cookies of an old password stop working.</summary>
    public int PasswordVersion { get; set; }
    public DateTime? ExpiresAt { get; set; }
    public string? Remarks { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? CanceledAt { get; set; }
    /// <summary>Set by the expiry sweep; access already ends at ExpiresAt whether or not it ran (JB-1).</summary>
    [NotWatched] public DateTime? ExpiryProcessedAt { get; set; }
    [NotWatched] public int PreviewCount { get; set; }
    [NotWatched] public int DownloadCount { get; set; }
    public int UploadCount { get; set; }
    /// <summary>Issue 27: what a drop box may receive in all, set by the sharer within the team's limit; null on links without upload.</summary>
    public long? UploadLimitBytes { get; set; }
    /// <summary>What it has received, counted with <see cref="UploadCount"/> in one statement.</summary>
    public long UploadedBytes { get; set; }
    /// <summary>Set once the owner was told by e-mail that the link expired (JB-1).</summary>
    [NotWatched] public DateTime? ExpiryNoticeQueuedAt { get; set; }
    public List<LinkItem> Items { get; set; } = [];
    /// <summary>The sharer turned mails about this link off (issue 11); on unless their default says otherwise.</summary>
    public bool NoticesOff { get; set; }
    /// <summary>The last timeline event a mail to the sharer covered; later ones wait for the next mail.</summary>
    [NotWatched] public long NoticedThroughEventId { get; set; }
    /// <summary>When the sharer was last mailed about this link: at most one mail per 10 minutes.</summary>
    [NotWatched] public DateTime? LastNoticeAt { get; set; }
    [NotWatched] public DateTime? LimitNoticedAt { get; set; }
    [NotWatched] public DateTime? ExpiringNoticedAt { get; set; }
}

/// <summary>A member's default for mails about their new links (issue 11); no row means on.</summary>
[NotWatched]
internal sealed class SharerSettings
{
    public Guid UserId { get; set; }
    public Guid TeamId { get; set; }
    public bool NoticesOffByDefault { get; set; }
}

internal sealed class LinkItem
{
    public Guid ShareId { get; set; }
    public Guid ItemId { get; set; }
    public int Position { get; set; }
}

/// <summary>A QR code of a share (LK-3): its own entry that leads to the share for 7 days. The code itself is not stored.</summary>
internal sealed class QrCode
{
    public Guid Id { get; set; }
    public Guid ShareId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    [NotWatched] public DateTime? ExpiryProcessedAt { get; set; }
}

/// <summary>
/// One use of a link in its sharer's timeline (issue 11): opens, previews, downloads, uploads, edits. Written in batches off the
/// request path; kept for the retention the operator sets (default 90 days).
/// </summary>
[NotWatched]
internal sealed class LinkEvent
{
    public long Id { get; set; }
    public Guid ShareId { get; set; }
    public Guid TeamId { get; set; }
    public required string Kind { get; set; }
    public Guid? ItemId { get; set; }
    public DateTime At { get; set; }
    public required string Client { get; set; }
    public required string Network { get; set; }
}

/// <summary>A wrong link password (LK-11), kept in the database so the throttle holds across restarts and instances.</summary>
[NotWatched]
internal sealed class PasswordFailure : IThrottledFailure
{
    public long Id { get; set; }
    public Guid ShareId { get; set; }
    public required string ClientAddress { get; set; }
    public DateTime At { get; set; }
}

/// <summary>LK-9/LK-10: a team's custom link domain and, with one, its daily cap.</summary>
internal sealed class TeamLinkSettings
{
    public Guid TeamId { get; set; }
    public string? CustomDomain { get; set; }
    /// <summary>The value the domain's <c>_teamshare</c> TXT record must hold to prove the team controls it.</summary>
    public string? DomainToken { get; set; }
    /// <summary>Set once the TXT record was found; only a verified domain is used for links and raises the cap.</summary>
    public DateTime? DomainVerifiedAt { get; set; }
    public int DailyCap { get; set; } = LinkLimits.DefaultDailyCap;
    /// <summary>Issue 27: the most one link may receive (and the default for new drop boxes); null: <see cref="LinkLimits.DefaultDropBoxBytes"/>.</summary>
    public long? DropBoxLimitBytes { get; set; }
    public DateTime UpdatedAt { get; set; }

    public string? VerifiedDomain => DomainVerifiedAt is not null && CustomDomain is { Length: > 0 } ? CustomDomain : null;
    public int EffectiveDailyCap => VerifiedDomain is not null ? DailyCap : LinkLimits.DefaultDailyCap;
}

internal static class LinkLimits
{
    public const int DefaultDailyCap = 500;
    public const int MaxDailyCapWithDomain = 100_000;
    /// <summary>What one drop box may receive unless the team's admins say otherwise: strangers can fill a disk otherwise.</summary>
    public const long DefaultDropBoxBytes = 1L << 30;
    public const long Megabyte = 1L << 20;
}

/// <remarks>Not sealed: <see cref="LinksPostgresDbContext"/> is the same model with PostgreSQL's own migrations.</remarks>
internal class LinksDbContext(DbContextOptions options) : DbContext(options)
{
    public const string Module = "links";

    public DbSet<Link> Links => Set<Link>();
    public DbSet<LinkItem> LinkItems => Set<LinkItem>();
    public DbSet<QrCode> QrCodes => Set<QrCode>();
    public DbSet<PasswordFailure> PasswordFailures => Set<PasswordFailure>();
    public DbSet<LinkEvent> Events => Set<LinkEvent>();
    public DbSet<SharerSettings> SharerSettings => Set<SharerSettings>();
    public DbSet<TeamLinkSettings> TeamSettings => Set<TeamLinkSettings>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configuration) => configuration.UseUtcDateTimes();

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.ConfigurePendingNotifications(Module);
        b.Entity<Link>(e =>
        {
            e.ToTable("links_shares");
            e.Property(x => x.Name).HasMaxLength(255);
            e.Property(x => x.Remarks).HasMaxLength(2000);
            e.Property(x => x.PasswordHash).HasMaxLength(200);
            e.HasIndex(x => x.TokenHash).IsUnique();
            e.HasIndex(x => new { x.OwnerUserId, x.CreatedAt });
            // My Shares pages newest first by id (time-ordered): keyset on this index, no sort (LK-4, B5).
            e.HasIndex(x => new { x.OwnerUserId, x.Id });
            e.HasIndex(x => new { x.TeamId, x.CreatedAt });
            e.HasIndex(x => new { x.ExpiresAt, x.ExpiryProcessedAt });
            // The notice sweep looks at links whose sharer may be mailed again.
            e.HasIndex(x => new { x.NoticesOff, x.LastNoticeAt });
            e.HasMany(x => x.Items).WithOne().HasForeignKey(x => x.ShareId);
        });
        b.Entity<QrCode>(e =>
        {
            e.ToTable("links_qr_codes");
            e.HasIndex(x => x.ShareId);
            e.HasIndex(x => new { x.ExpiresAt, x.ExpiryProcessedAt });
        });
        b.Entity<SharerSettings>(e =>
        {
            e.ToTable("links_sharer_settings");
            e.HasKey(x => x.UserId);
        });
        b.Entity<LinkEvent>(e =>
        {
            e.ToTable("links_events");
            e.Property(x => x.Kind).HasMaxLength(20);
            e.Property(x => x.Client).HasMaxLength(40);
            e.Property(x => x.Network).HasMaxLength(64);
            // The timeline pages newest first by id; the retention sweep deletes by time.
            e.HasIndex(x => new { x.ShareId, x.Id });
            e.HasIndex(x => x.At);
        });
        b.Entity<PasswordFailure>(e =>
        {
            e.ToTable("links_password_failures");
            e.Property(x => x.ClientAddress).HasMaxLength(64);
            e.HasIndex(x => new { x.ShareId, x.ClientAddress, x.At });
            e.HasIndex(x => new { x.ShareId, x.At });
        });
        b.Entity<TeamLinkSettings>(e =>
        {
            e.ToTable("links_team_settings");
            e.HasKey(x => x.TeamId);
            e.Property(x => x.CustomDomain).HasMaxLength(255);
            e.Property(x => x.DomainToken).HasMaxLength(64);
            // A domain belongs to the one team that proved it controls it; claims not yet proven block nobody.
            e.HasIndex(x => x.CustomDomain).IsUnique().HasFilter("\"DomainVerifiedAt\" IS NOT NULL");
        });
        b.Entity<LinkItem>(e =>
        {
            e.ToTable("links_share_items");
            e.HasKey(x => new { x.ShareId, x.ItemId });
            e.HasIndex(x => x.ItemId);
        });
    }
}

internal sealed class LinksDbContextFactory : IDesignTimeDbContextFactory<LinksDbContext>
{
    public LinksDbContext CreateDbContext(string[] args) =>
        new(ModuleDatabaseRegistration.DesignTimeOptions<LinksDbContext>(LinksDbContext.Module));
}
