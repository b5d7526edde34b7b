using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using TeamShare.SharedKernel.Data;

namespace TeamShare.Host.Data;

/// <summary>
/// ASP.NET Core data-protection keys in the shared PostgreSQL database, so a cookie, an anti-forgery token, a QR seal or an
/// unlock cookie made by one instance is accepted by every other. On embedded SQLite the keys stay in the data directory.
/// </summary>
internal sealed class KeysDbContext(DbContextOptions<KeysDbContext> options) : DbContext(options), IDataProtectionKeyContext
{
    public const string Module = "host";
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder b) => b.Entity<DataProtectionKey>().ToTable("host_data_protection_keys");
}

internal sealed class KeysDbContextFactory : IDesignTimeDbContextFactory<KeysDbContext>
{
    public KeysDbContext CreateDbContext(string[] args) => new(ModuleDatabaseRegistration.DesignTimePostgresOptions<KeysDbContext>(KeysDbContext.Module));
}
