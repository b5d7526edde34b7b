using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using TeamShare.SharedKernel.Data;

namespace TeamShare.Spaces.Data;

/// <summary>The module's model on PostgreSQL; a type of its own only so its migrations (Data/Migrations/Postgres) are found apart.</summary>
internal sealed class SpacesPostgresDbContext(DbContextOptions<SpacesPostgresDbContext> options) : SpacesDbContext(options);

internal sealed class SpacesPostgresDbContextFactory : IDesignTimeDbContextFactory<SpacesPostgresDbContext>
{
    public SpacesPostgresDbContext CreateDbContext(string[] args) =>
        new(ModuleDatabaseRegistration.DesignTimePostgresOptions<SpacesPostgresDbContext>(SpacesDbContext.Module));
}
