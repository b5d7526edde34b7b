using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using TeamShare.SharedKernel.Data;

namespace TeamShare.Identity.Data;

/// <summary>The module's model on PostgreSQL; a type of its own only so its migrations (Data/Migrations/Postgres) are found apart.</summary>
internal sealed class IdentityPostgresDbContext(DbContextOptions<IdentityPostgresDbContext> options) : IdentityDbContext(options);

internal sealed class IdentityPostgresDbContextFactory : IDesignTimeDbContextFactory<IdentityPostgresDbContext>
{
    public IdentityPostgresDbContext CreateDbContext(string[] args) =>
        new(ModuleDatabaseRegistration.DesignTimePostgresOptions<IdentityPostgresDbContext>(IdentityDbContext.Module));
}
