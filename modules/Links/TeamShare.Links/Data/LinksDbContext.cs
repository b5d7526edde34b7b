using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using TeamShare.SharedKernel.Data;

namespace TeamShare.Links.Data;

internal sealed class Share
{
    public Guid Id { get; set; }
    public Guid TeamId { get; set; }
    public Guid OwnerUserId { get; set; }
    public Guid SpaceId { get; set; }
    public required string Name { get; set; }
    /// <summary>SHA-256 of the link token (LK-11); the token itself exists only in the URL.</summary>
    public required byte[] TokenHash { get; set; }
    public bool AllowPreview { get; set; } = true;
    public int? PreviewLimit { get; set; }
    public bool AllowDownload { get; set; } = true;
    public bool TeamOnly { get; set; }
    public DateTime? ExpiresAt { get; set; }
    public string? Remarks { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? CanceledAt { get; set; }
    /// <summary>Set by the expiry sweep; access already ends at ExpiresAt whether or not it ran (JB-1).</summary>
    public DateTime? ExpiryProcessedAt { get; set; }
    public int PreviewCount { get; set; }
    public int DownloadCount { get; set; }
    public List<ShareItem> Items { get; set; } = [];
}

internal sealed class ShareItem
{
    public Guid ShareId { get; set; }
    public Guid ItemId { get; set; }
    public int Position { get; set; }
}

internal sealed class LinksDbContext(DbContextOptions<LinksDbContext> options) : DbContext(options)
{
    public const string Module = "links";

    public DbSet<Share> Shares => Set<Share>();
    public DbSet<ShareItem> ShareItems => Set<ShareItem>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configuration) => configuration.UseUtcDateTimes();

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.Entity<Share>(e =>
        {
            e.ToTable("links_shares");
            e.Property(x => x.Name).HasMaxLength(255);
            e.Property(x => x.Remarks).HasMaxLength(2000);
            e.HasIndex(x => x.TokenHash).IsUnique();
            e.HasIndex(x => new { x.OwnerUserId, x.CreatedAt });
            e.HasIndex(x => new { x.TeamId, x.CreatedAt });
            e.HasIndex(x => new { x.ExpiresAt, x.ExpiryProcessedAt });
            e.HasMany(x => x.Items).WithOne().HasForeignKey(x => x.ShareId);
        });
        b.Entity<ShareItem>(e =>
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
