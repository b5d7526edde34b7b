using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using TeamShare.SharedKernel.Data;

namespace TeamShare.Policy.Data;

/// <summary>The module's model on PostgreSQL; a type of its own only so its migrations (Data/Migrations/Postgres) are found apart.</summary>
internal sealed class PolicyPostgresDbContext(DbContextOptions<PolicyPostgresDbContext> options) : PolicyDbContext(options);

internal sealed class PolicyPostgresDbContextFactory : IDesignTimeDbContextFactory<PolicyPostgresDbContext>
{
    public PolicyPostgresDbContext CreateDbContext(string[] args) =>
        new(ModuleDatabaseRegistration.DesignTimePostgresOptions<PolicyPostgresDbContext>(PolicyDbContext.Module));
}
