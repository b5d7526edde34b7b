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
    public DbSet<ItemVersion> Versions => Set<ItemVersion>();

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
            // One name per folder (SP-2 clash rule) and the listing index in one.
            e.HasIndex(x => new { x.ParentId, x.NameKey }).IsUnique();
            e.HasIndex(x => new { x.TeamId, x.AncestorPath });
            e.HasIndex(x => x.TrashedRootId);
            e.HasIndex(x => x.TrashedAt);
            e.HasIndex(x => x.TrashedBy);
            e.HasIndex(x => x.ContentSha256);
            // Move and copy targets: the folders of one space.
            e.HasIndex(x => new { x.SpaceId, x.Kind });
        });
        b.Entity<ItemVersion>(e =>
        {
            e.ToTable("spaces_versions");
            e.Property(x => x.ContentSha256).HasMaxLength(64);
            e.Property(x => x.ContentType).HasMaxLength(200);
            e.HasIndex(x => new { x.ItemId, x.Number }).IsUnique();
            e.HasIndex(x => x.ContentSha256);
        });
        b.Entity<Grant>(e =>
        {
            e.ToTable("spaces_grants");
            e.Property(x => x.PrincipalKind).HasMaxLength(16);
            e.Property(x => x.Role).HasConversion<int>();
            e.HasIndex(x => new { x.ItemId, x.PrincipalKind, x.PrincipalId });
            e.HasIndex(x => new { x.TeamId, x.PrincipalKind, x.PrincipalId });
        });
    }
}

internal sealed class SpacesDbContextFactory : IDesignTimeDbContextFactory<SpacesDbContext>
{
    public SpacesDbContext CreateDbContext(string[] args) =>
        new(ModuleDatabaseRegistration.DesignTimeOptions<SpacesDbContext>(SpacesDbContext.Module));
}
