using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using TeamShare.SharedKernel.Data;

namespace TeamShare.Spaces.Data;

/// <remarks>Not sealed: <see cref="SpacesPostgresDbContext"/> is the same model with PostgreSQL's own migrations.</remarks>
internal class SpacesDbContext(DbContextOptions options) : DbContext(options)
{
    public const string Module = "spaces";

    public DbSet<Space> Spaces => Set<Space>();
    public DbSet<Item> Items => Set<Item>();
    public DbSet<Grant> Grants => Set<Grant>();
    public DbSet<Star> Stars => Set<Star>();
    public DbSet<ItemVersion> Versions => Set<ItemVersion>();
    public DbSet<DavLock> DavLocks => Set<DavLock>();
    public DbSet<DavProperty> DavProperties => Set<DavProperty>();
    public DbSet<TeamStorage> TeamStorage => Set<TeamStorage>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configuration) => configuration.UseUtcDateTimes();

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.Entity<Space>(e =>
        {
            e.ToTable("spaces_spaces");
            e.Property(x => x.Name).HasMaxLength(255);
            e.Property(x => x.Kind).HasMaxLength(16);
            e.HasIndex(x => x.PersonalOwnerId).IsUnique();
            e.HasIndex(x => new { x.TeamId, x.Kind });
        });
        b.Entity<Item>(e =>
        {
            e.ToTable("spaces_items");
            e.Property(x => x.Name).HasMaxLength(255);
            e.Property(x => x.NameKey).HasMaxLength(255);
            e.Property(x => x.Kind).HasMaxLength(16);
            e.Property(x => x.ContentSha256).HasMaxLength(64);
            e.Property(x => x.ContentType).HasMaxLength(200);
            // One name per folder among live items (SP-2 clash rule) and the listing index in one. What is in the trash does not
            // hold its name: a file deleted and uploaded again (WebDAV clients do this on every save) keeps its name.
            e.HasIndex(x => new { x.ParentId, x.NameKey }).IsUnique().HasFilter("\"TrashedAt\" IS NULL");
            e.Property(x => x.SortKey).HasMaxLength(600);
            e.HasIndex(x => new { x.ParentId, x.SortKey });
            e.HasIndex(x => new { x.TeamId, x.AncestorPath });
            e.HasIndex(x => x.TrashedRootId);
            e.HasIndex(x => x.TrashedAt);
            e.HasIndex(x => x.TrashedBy);
            e.HasIndex(x => x.ContentSha256);
            // Move and copy targets: the folders of one space.
            e.HasIndex(x => new { x.SpaceId, x.Kind });
            // Recent and search (issue 28): the team's items, newest change first.
            e.HasIndex(x => new { x.TeamId, x.ModifiedAt });
        });
        b.Entity<ItemVersion>(e =>
        {
            e.ToTable("spaces_versions");
            e.Property(x => x.ContentSha256).HasMaxLength(64);
            e.Property(x => x.ContentType).HasMaxLength(200);
            e.HasIndex(x => new { x.ItemId, x.Number }).IsUnique();
            e.HasIndex(x => x.ContentSha256);
        });
        b.Entity<DavLock>(e =>
        {
            e.ToTable("spaces_dav_locks");
            e.HasIndex(x => x.ItemId);
            // At most one exclusive lock per item, even when two instances take it at the same moment.
            e.HasIndex(x => x.ItemId, "IX_spaces_dav_locks_exclusive").IsUnique().HasFilter("\"Exclusive\"");
            e.HasIndex(x => x.ExpiresAt);
        });
        b.Entity<DavProperty>(e =>
        {
            e.ToTable("spaces_dav_properties");
            e.Property(x => x.Namespace).HasMaxLength(1000);
            e.Property(x => x.Name).HasMaxLength(255);
            e.HasIndex(x => new { x.ItemId, x.Namespace, x.Name }).IsUnique();
        });
        b.Entity<TeamStorage>(e =>
        {
            e.ToTable("spaces_team_storage");
            e.HasKey(x => x.TeamId);
        });
        b.Entity<Star>(e =>
        {
            e.ToTable("spaces_stars");
            e.HasKey(x => new { x.UserId, x.ItemId });
            e.HasIndex(x => new { x.UserId, x.CreatedAt });
            e.HasIndex(x => x.ItemId);
        });
        b.Entity<Grant>(e =>
        {
            e.ToTable("spaces_grants");
            e.Property(x => x.PrincipalKind).HasMaxLength(16);
            e.Property(x => x.Role).HasConversion<int>();
            e.HasIndex(x => new { x.ItemId, x.PrincipalKind, x.PrincipalId });
            e.HasIndex(x => new { x.TeamId, x.PrincipalKind, x.PrincipalId });
            // My Shares (issue 28): a member's grants, newest first.
            e.HasIndex(x => new { x.CreatedBy, x.Id });
        });
    }
}

internal sealed class SpacesDbContextFactory : IDesignTimeDbContextFactory<SpacesDbContext>
{
    public SpacesDbContext CreateDbContext(string[] args) =>
        new(ModuleDatabaseRegistration.DesignTimeOptions<SpacesDbContext>(SpacesDbContext.Module));
}
