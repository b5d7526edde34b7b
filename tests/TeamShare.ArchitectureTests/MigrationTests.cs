using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Xunit;

namespace TeamShare.ArchitectureTests;

/// <summary>
/// ADR 0003: every module's model has migrations for SQLite and for PostgreSQL, and both are in step with the model. A model
/// change that lacks its migration for either provider fails here, before it can fail a start-up.
/// </summary>
public sealed class MigrationTests
{
    public static IEnumerable<object[]> EachContext() =>
        Assemblies.Modules.Append(Assemblies.Host).SelectMany(Assemblies.DesignTimeContexts)
            .Select(db => new object[] { db.GetType().Assembly.GetName().Name!, db.GetType().Name });

    private static DbContext Context(string assembly, string type) =>
        Assemblies.DesignTimeContexts(Assemblies.Modules.Append(Assemblies.Host).Single(a => a.GetName().Name == assembly)).Single(db => db.GetType().Name == type);

    [Theory]
    [MemberData(nameof(EachContext))]
    public void A_model_change_without_a_migration_for_its_provider_fails(string assembly, string type)
    {
        using var db = Context(assembly, type);
        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(db.Database.HasPendingModelChanges(),
            $"{type} ({db.Database.ProviderName}) has model changes without a migration: run dotnet ef migrations add for it (docs/adr/0003).");
    }

    [Theory]
    [MemberData(nameof(Assemblies.EachModule), MemberType = typeof(Assemblies))]
    public void Every_module_has_migrations_for_both_providers(string module)
    {
        var providers = Assemblies.DesignTimeContexts(Assemblies.ByName(module)).Select(db => db.Database.ProviderName).ToHashSet();
        Assert.Contains("Microsoft.EntityFrameworkCore.Sqlite", providers);
        Assert.Contains("Npgsql.EntityFrameworkCore.PostgreSQL", providers);
    }

    [Fact]
    public void Canary_a_model_with_no_migration_is_caught()
    {
        using var db = new UnmigratedContext();
        Assert.True(db.Database.HasPendingModelChanges());
    }

    private sealed class UnmigratedContext : DbContext
    {
        public DbSet<Row> Rows => Set<Row>();
        protected override void OnConfiguring(DbContextOptionsBuilder options) => options.UseSqlite("Data Source=:memory:");
    }

    private sealed class Row
    {
        public int Id { get; set; }
    }
}
