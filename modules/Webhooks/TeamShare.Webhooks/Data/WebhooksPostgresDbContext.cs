using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using TeamShare.SharedKernel.Data;

namespace TeamShare.Webhooks.Data;

/// <summary>The module's model on PostgreSQL; a type of its own only so its migrations (Data/Migrations/Postgres) are found apart.</summary>
internal sealed class WebhooksPostgresDbContext(DbContextOptions<WebhooksPostgresDbContext> options) : WebhooksDbContext(options);

internal sealed class WebhooksPostgresDbContextFactory : IDesignTimeDbContextFactory<WebhooksPostgresDbContext>
{
    public WebhooksPostgresDbContext CreateDbContext(string[] args) =>
        new(ModuleDatabaseRegistration.DesignTimePostgresOptions<WebhooksPostgresDbContext>(WebhooksDbContext.Module));
}
