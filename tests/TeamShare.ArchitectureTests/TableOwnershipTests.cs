using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Xunit;

namespace TeamShare.ArchitectureTests;

/// <summary>
/// Each module owns its tables, named with its prefix (spaces_…, links_…); a module that maps another module's table through
/// its own DbContext (and so reads or writes around that module's rules) fails here. Checked on the models EF builds, so a
/// mapping by convention, attribute or fluent call is caught alike.
/// </summary>
public sealed class TableOwnershipTests
{
    /// <summary>"TeamShare.Spaces" owns "spaces_…"; the host owns "host_…".</summary>
    private static string PrefixOf(Assembly assembly) => assembly.GetName().Name!["TeamShare.".Length..].ToLowerInvariant() + "_";

    /// <summary>Tables of the model that do not carry the owner's prefix.</summary>
    public static IReadOnlyList<string> Foreign(DbContext db, string prefix) =>
        db.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>().Where(t => !t.StartsWith(prefix, StringComparison.Ordinal))
            .Distinct().Order().ToList();

    public static IEnumerable<object[]> EachOwner() => Assemblies.Modules.Append(Assemblies.Host).Select(a => new object[] { a.GetName().Name! });

    [Theory]
    [MemberData(nameof(EachOwner))]
    public void Every_table_a_modules_DbContexts_map_carries_that_modules_prefix(string assembly)
    {
        var owner = Assemblies.Modules.Append(Assemblies.Host).Single(a => a.GetName().Name == assembly);
        var contexts = Assemblies.DesignTimeContexts(owner).ToList();
        Assert.NotEmpty(contexts);
        foreach (var db in contexts)
            using (db)
            {
                Assert.NotEmpty(db.Model.GetEntityTypes());
                Assert.Empty(Foreign(db, PrefixOf(owner)));
            }
    }

    [Fact]
    public void Canary_a_context_that_maps_another_modules_table_is_caught()
    {
        using var db = new TrespassingContext();
        Assert.Equal(["spaces_items"], Foreign(db, "links_"));
    }

    private sealed class TrespassingContext : DbContext
    {
        protected override void OnConfiguring(DbContextOptionsBuilder options) => options.UseSqlite("Data Source=:memory:");

        protected override void OnModelCreating(ModelBuilder b)
        {
            b.Entity<Row>().ToTable("links_rows");
            b.Entity<Stolen>().ToTable("spaces_items");
        }
    }

    private sealed class Row { public int Id { get; set; } }

    private sealed class Stolen { public Guid Id { get; set; } }
}
