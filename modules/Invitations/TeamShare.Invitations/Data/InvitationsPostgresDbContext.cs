using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using TeamShare.SharedKernel.Data;

namespace TeamShare.Invitations.Data;

/// <summary>The module's model on PostgreSQL; a type of its own only so its migrations (Data/Migrations/Postgres) are found apart.</summary>
internal sealed class InvitationsPostgresDbContext(DbContextOptions<InvitationsPostgresDbContext> options) : InvitationsDbContext(options);

internal sealed class InvitationsPostgresDbContextFactory : IDesignTimeDbContextFactory<InvitationsPostgresDbContext>
{
    public InvitationsPostgresDbContext CreateDbContext(string[] args) =>
        new(ModuleDatabaseRegistration.DesignTimePostgresOptions<InvitationsPostgresDbContext>(InvitationsDbContext.Module));
}
