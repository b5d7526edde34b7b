using System.Reflection;
using TeamShare.Identity;
using TeamShare.Invitations;
using TeamShare.Links;
using TeamShare.Policy;
using TeamShare.Spaces;
using TeamShare.Webhooks;

namespace TeamShare.ArchitectureTests;

public static class Assemblies
{
    public static readonly Assembly Host = typeof(Program).Assembly;
    public static readonly Assembly Canary = typeof(TeamShare.Canary.ReachesIntoIdentity).Assembly;

    public static readonly Assembly[] Modules =
    [
        typeof(IdentityModule).Assembly, typeof(SpacesModule).Assembly, typeof(LinksModule).Assembly,
        typeof(InvitationsModule).Assembly, typeof(PolicyModule).Assembly, typeof(WebhooksModule).Assembly,
    ];

    public static readonly Assembly[] Contracts = Modules
        .Select(m => Assembly.Load(m.GetName().Name + ".Contracts")).ToArray();

    public static IEnumerable<object[]> EachModule() => Modules.Select(m => new object[] { m.GetName().Name! });
    public static IEnumerable<object[]> EachContracts() => Contracts.Select(m => new object[] { m.GetName().Name! });

    public static IEnumerable<object[]> EachModulePair() =>
        from a in Modules from b in Modules where a != b select new object[] { a.GetName().Name!, b.GetName().Name! };

    /// <summary>Every DbContext an assembly's design-time factories make (one per provider).</summary>
    public static IEnumerable<Microsoft.EntityFrameworkCore.DbContext> DesignTimeContexts(Assembly assembly) =>
        assembly.GetTypes()
            .Where(t => !t.IsAbstract && t.GetInterfaces().Any(i => i.IsGenericType
                && i.GetGenericTypeDefinition() == typeof(Microsoft.EntityFrameworkCore.Design.IDesignTimeDbContextFactory<>)))
            .Select(t => (Microsoft.EntityFrameworkCore.DbContext)t.GetMethod("CreateDbContext")!
                .Invoke(Activator.CreateInstance(t, nonPublic: true), [Array.Empty<string>()])!);

    public static Assembly ByName(string name) => Modules.Concat(Contracts).Single(a => a.GetName().Name == name);
}
