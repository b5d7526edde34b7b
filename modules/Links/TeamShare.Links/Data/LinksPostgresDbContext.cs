using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using TeamShare.SharedKernel.Data;

namespace TeamShare.Links.Data;

/// <summary>The module's model on PostgreSQL; a type of its own only so its migrations (Data/Migrations/Postgres) are found apart.</summary>
internal sealed class LinksPostgresDbContext(DbContextOptions<LinksPostgresDbContext> options) : LinksDbContext(options);

internal sealed class LinksPostgresDbContextFactory : IDesignTimeDbContextFactory<LinksPostgresDbContext>
{
    public LinksPostgresDbContext CreateDbContext(string[] args) =>
        new(ModuleDatabaseRegistration.DesignTimePostgresOptions<LinksPostgresDbContext>(LinksDbContext.Module));
}
