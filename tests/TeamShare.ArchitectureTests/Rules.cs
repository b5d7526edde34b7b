using System.Reflection;
using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using NetArchTest.Rules;
using TeamShare.SharedKernel.Modules;

namespace TeamShare.ArchitectureTests;

/// <summary>
/// Each rule returns the names of the types that break it, so the same rule can be shown to pass on the real
/// modules and to fail on the canary assembly (a rule that cannot fail is no alarm).
/// </summary>
public static class Rules
{
    private static readonly Type[] HandlerInterfaces =
        [typeof(IRequestHandler<,>), typeof(INotificationHandler<>), typeof(ICommandHandler<,>), typeof(IQueryHandler<,>)];

    private static string Root(Assembly a) => a.GetName().Name!;

    /// <summary>Types of the assembly's own namespaces (not compiler- or Razor-generated ones every assembly has).</summary>
    private static IEnumerable<Type> OwnTypes(Assembly a) =>
        a.GetTypes().Where(t => t.Namespace?.StartsWith(Root(a).Replace(".Contracts", "")) == true || t.Namespace?.StartsWith("TeamShare.") == true);

    /// <summary>Rule 1: a module uses nothing of another module's implementation assembly (only its .Contracts).</summary>
    public static IReadOnlyList<string> DependenciesOnImplementation(Assembly module, Assembly other)
    {
        var names = OwnTypes(other).Select(t => t.FullName!).Where(n => !n.Contains('<')).ToArray();
        if (names.Length == 0) return [];
        var result = Types.InAssembly(module).Should().NotHaveDependencyOnAny(names).GetResult();
        return result.FailingTypeNames?.ToList() ?? [];
    }

    /// <summary>Rule 1 at the reference graph: which module implementation assemblies this assembly references.</summary>
    public static IReadOnlyList<string> ReferencedImplementations(Assembly assembly, IEnumerable<Assembly> modules)
    {
        var names = modules.Select(Root).Where(n => n != Root(assembly)).ToHashSet();
        return assembly.GetReferencedAssemblies().Select(r => r.Name!).Where(names.Contains).ToList();
    }

    /// <summary>Rule 2: contract types are sealed (records, classes) and nothing in them is mutable framework plumbing.</summary>
    public static IReadOnlyList<string> UnsealedPublicTypes(Assembly contracts) =>
        contracts.GetExportedTypes().Where(t => !t.IsSealed && !t.IsInterface).Select(t => t.FullName!).ToList();

    /// <summary>Rules 2 and 7: types that depend on any of the given namespaces or types.</summary>
    public static IReadOnlyList<string> DependenciesOn(Assembly assembly, params string[] forbidden)
    {
        var result = Types.InAssembly(assembly).Should().NotHaveDependencyOnAny(forbidden).GetResult();
        return result.FailingTypeNames?.ToList() ?? [];
    }

    /// <summary>Rule 3: a module's public surface is its entry class, its pages (Razor needs them public) and its migrations.</summary>
    public static IReadOnlyList<string> UnexpectedPublicTypes(Assembly module) =>
        module.GetExportedTypes()
            .Where(t => !typeof(ITeamShareModule).IsAssignableFrom(t)
                        && !typeof(PageModel).IsAssignableFrom(t)
                        && !typeof(Migration).IsAssignableFrom(t)
                        && !typeof(ModelSnapshot).IsAssignableFrom(t)
                        && t.Namespace?.StartsWith("AspNetCoreGeneratedDocument") != true)
            .Select(t => t.FullName!).ToList();

    public static IReadOnlyList<Type> Handlers(Assembly module) =>
        module.GetTypes().Where(t => !t.IsAbstract && t.GetInterfaces()
            .Any(i => i.IsGenericType && HandlerInterfaces.Contains(i.GetGenericTypeDefinition()))).ToList();

    /// <summary>Rule 4: handlers are sealed, not public, and named …Handler or On….</summary>
    public static IReadOnlyList<string> BadHandlers(Assembly module) =>
        Handlers(module).Where(t => t.IsPublic || !t.IsSealed || !(t.Name.EndsWith("Handler") || t.Name.StartsWith("On")))
            .Select(t => t.FullName!).ToList();

    /// <summary>Rule 5: DbContexts are never public.</summary>
    public static IReadOnlyList<string> PublicDbContexts(Assembly module) =>
        module.GetExportedTypes().Where(t => typeof(DbContext).IsAssignableFrom(t)).Select(t => t.FullName!).ToList();

    /// <summary>Rule 5 for the host: outside the Mediator-generated code it touches no non-public type of any module.</summary>
    public static IReadOnlyList<string> HostUsesOfModuleInternals(Assembly host, IEnumerable<Assembly> modules)
    {
        var internals = modules.SelectMany(m => OwnTypes(m)).Where(t => !t.IsVisible)
            .Select(t => t.FullName!).Where(n => !n.Contains('<')).ToArray();
        var result = Types.InAssembly(host).That().DoNotResideInNamespace("Mediator")
            .Should().NotHaveDependencyOnAny(internals).GetResult();
        return result.FailingTypeNames?.ToList() ?? [];
    }

    /// <summary>Rule 6: endpoint classes are static (abstract and sealed in IL).</summary>
    public static IReadOnlyList<string> NonStaticEndpoints(Assembly module) =>
        module.GetTypes().Where(t => (t.Name.EndsWith("Endpoint") || t.Name.EndsWith("Endpoints")) && !(t.IsAbstract && t.IsSealed))
            .Select(t => t.FullName!).ToList();

    /// <summary>Rule 6: every endpoint class is in a module, none in the host.</summary>
    public static IReadOnlyList<string> EndpointsOutsideModules(Assembly host) =>
        host.GetTypes().Where(t => t.Name.EndsWith("Endpoint") || t.Name.EndsWith("Endpoints")).Select(t => t.FullName!).ToList();

    /// <summary>
    /// Rule 7: a notification is published only through the publishing seam's two verbs (durable: staged and relayed;
    /// best effort: queued), never by calling Mediator's Publish inline, where a failing subscriber would fail the caller.
    /// Reads the IL, since a call is not a type dependency.
    /// </summary>
    public static IReadOnlyList<string> InlinePublishes(Assembly assembly)
    {
        using var module = Mono.Cecil.ModuleDefinition.ReadModule(assembly.Location);
        static Mono.Cecil.TypeDefinition Outermost(Mono.Cecil.TypeDefinition t) => t.DeclaringType is { } d ? Outermost(d) : t;
        return module.GetTypes()
            .Where(t => !PublishingSeam.Contains(Outermost(t).FullName) && !Outermost(t).Namespace.StartsWith("Mediator"))
            .SelectMany(t => t.Methods.Where(m => m.HasBody).Select(m => (Type: Outermost(t), Method: m)))
            .Where(x => x.Method.Body.Instructions.Any(i => i.Operand is Mono.Cecil.MethodReference { Name: "Publish" } called
                && called.DeclaringType.Namespace == "Mediator"))
            .Select(x => x.Type.FullName).Distinct().ToList();
    }

    /// <summary>
    /// Rule 14 (issue 26.2): an endpoints file maps HTTP to requests and holds no handler; a use case lives in a file named
    /// for it. Reads where each handler's code was written from the assembly's debug symbols.
    /// </summary>
    public static IReadOnlyList<string> HandlersInEndpointFiles(Assembly assembly)
    {
        using var module = Mono.Cecil.ModuleDefinition.ReadModule(assembly.Location, new Mono.Cecil.ReaderParameters { ReadSymbols = true });
        return module.GetTypes()
            .Where(t => t.Interfaces.Any(i => i.InterfaceType.Name.StartsWith("IRequestHandler", StringComparison.Ordinal)
                                              || i.InterfaceType.Name.StartsWith("INotificationHandler", StringComparison.Ordinal)))
            .Where(t => t.Methods.SelectMany(m => m.DebugInformation.SequencePoints).Any(p => p.Document.Url.EndsWith("Endpoints.cs", StringComparison.Ordinal)
                                                                                             || p.Document.Url.EndsWith("Endpoint.cs", StringComparison.Ordinal)))
            .Select(t => t.FullName).ToList();
    }

    /// <summary>
    /// Rule 7b (issue 26.1): a handler stages a notification through <c>StagedNotifications</c>, whose pipeline behaviour
    /// publishes it after the commit; staging on the DbContext directly would leave it to the relay, a minute late. Reads the IL.
    /// </summary>
    public static IReadOnlyList<string> DirectStages(Assembly assembly)
    {
        using var module = Mono.Cecil.ModuleDefinition.ReadModule(assembly.Location);
        static Mono.Cecil.TypeDefinition Outermost(Mono.Cecil.TypeDefinition t) => t.DeclaringType is { } d ? Outermost(d) : t;
        return module.GetTypes().Where(t => Outermost(t).FullName != "TeamShare.SharedKernel.Data.StagedNotifications")
            .SelectMany(t => t.Methods.Where(m => m.HasBody).Select(m => (Type: Outermost(t), Method: m)))
            .Where(x => x.Method.Body.Instructions.Any(i => i.Operand is Mono.Cecil.MethodReference { Name: "Stage" } called
                && called.DeclaringType.FullName == "TeamShare.SharedKernel.Data.DurableNotifications"))
            .Select(x => x.Type.FullName).Distinct().ToList();
    }

    /// <summary>
    /// Rule 8 (ADR 0024): page models and endpoints get what they need injected, never by locating it through
    /// <c>HttpContext.RequestServices</c>, which hides a dependency from the constructor and from these rules. Reads the IL.
    /// </summary>
    public static IReadOnlyList<string> ServiceLocators(Assembly assembly)
    {
        using var module = Mono.Cecil.ModuleDefinition.ReadModule(assembly.Location);
        static Mono.Cecil.TypeDefinition Outermost(Mono.Cecil.TypeDefinition t) => t.DeclaringType is { } d ? Outermost(d) : t;
        static bool IsPageModel(Mono.Cecil.TypeDefinition t) =>
            t.BaseType is { } b && (b.FullName == "Microsoft.AspNetCore.Mvc.RazorPages.PageModel" || (b.Resolve() is { } r && IsPageModel(r)));
        static bool IsEndpoint(Mono.Cecil.TypeDefinition t) => t.Name.EndsWith("Endpoint") || t.Name.EndsWith("Endpoints");
        return module.GetTypes()
            .Where(t => IsEndpoint(Outermost(t)) || IsPageModel(Outermost(t)))
            .Where(t => t.Methods.Any(m => m.HasBody && m.Body.Instructions.Any(i =>
                i.Operand is Mono.Cecil.MethodReference { Name: "get_RequestServices" })))
            .Select(t => Outermost(t).FullName).Distinct().ToList();
    }

    /// <summary>Rule 9 (ADR 0024): an endpoint speaks to its module through requests, never to a DbContext directly.</summary>
    public static IReadOnlyList<string> EndpointsWithDbContexts(Assembly module)
    {
        var contexts = module.GetTypes().Where(t => typeof(DbContext).IsAssignableFrom(t)).Select(t => t.FullName!).ToArray();
        var endpoints = module.GetTypes().Where(t => t.Name.EndsWith("Endpoint") || t.Name.EndsWith("Endpoints"));
        return contexts.Length == 0 ? [] : endpoints
            .Where(t => t.GetMethods(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)
                .Any(m => m.GetParameters().Any(p => typeof(DbContext).IsAssignableFrom(p.ParameterType))))
            .Select(t => t.FullName!).ToList();
    }

    /// <summary>
    /// Rule 10 (ADR 0024): a handler never takes another handler in its constructor; it sends that request, so the pipeline
    /// (and whatever it adds) runs for it too.
    /// </summary>
    public static IReadOnlyList<string> HandlersInjectedIntoHandlers(Assembly module)
    {
        var handlers = Handlers(module).ToHashSet();
        return handlers.Where(h => h.GetConstructors(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)
                .Any(c => c.GetParameters().Any(p => handlers.Contains(p.ParameterType))))
            .Select(t => t.FullName!).ToList();
    }

    /// <summary>
    /// Rule 11 (ADR 0024, issue 26): a request or notification carries no ASP.NET Core type (an HttpContext, a request, a
    /// response): the edge reads what the handler needs and writes what it answers, so a job or a page sends the same
    /// message. <paramref name="exceptions"/> names the ones still waiting for it, each said in ADR 0024.
    /// </summary>
    public static IReadOnlyList<string> MessagesCarryingHttp(Assembly module, params string[] exceptions) =>
        module.GetTypes().Where(t => !t.IsAbstract && typeof(Mediator.IMessage).IsAssignableFrom(t) && !exceptions.Contains(t.FullName))
            .Where(t => t.GetProperties(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)
                .Any(p => p.PropertyType.Namespace?.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) == true))
            .Select(t => t.FullName!).ToList();

    /// <summary>
    /// Rule 12 (issue 26.3): bytes become a stored content only through the content intake, so a limit, a quota or a count
    /// applies to every upload route alike: nothing outside a <c>.Blobs</c> namespace calls <c>IBlobStore.WriteAsync</c>.
    /// Reads the IL.
    /// </summary>
    public static IReadOnlyList<string> BlobWritesOutsideTheIntake(Assembly assembly)
    {
        using var module = Mono.Cecil.ModuleDefinition.ReadModule(assembly.Location);
        static Mono.Cecil.TypeDefinition Outermost(Mono.Cecil.TypeDefinition t) => t.DeclaringType is { } d ? Outermost(d) : t;
        return module.GetTypes()
            .Where(t => !Outermost(t).Namespace.EndsWith(".Blobs", StringComparison.Ordinal))
            .Where(t => t.Methods.Any(m => m.HasBody && m.Body.Instructions.Any(i =>
                i.Operand is Mono.Cecil.MethodReference { Name: "WriteAsync", DeclaringType.Name: "IBlobStore" })))
            .Select(t => Outermost(t).FullName).Distinct().ToList();
    }

    /// <summary>
    /// Rule 13 (issue 26.1): an endpoint checks no field itself; the request's validator does, in the pipeline, so a page,
    /// a job or another module sending the same request meets the same checks. Reads the IL for calls of
    /// <c>Problems.Field</c> in endpoint classes. <paramref name="exceptions"/> names the ones still waiting for it, each said in ADR 0024.
    /// </summary>
    public static IReadOnlyList<string> EndpointsValidatingInline(Assembly assembly, params string[] exceptions)
    {
        using var module = Mono.Cecil.ModuleDefinition.ReadModule(assembly.Location);
        static Mono.Cecil.TypeDefinition Outermost(Mono.Cecil.TypeDefinition t) => t.DeclaringType is { } d ? Outermost(d) : t;
        return module.GetTypes()
            .Where(t => Outermost(t).Name.EndsWith("Endpoint", StringComparison.Ordinal) || Outermost(t).Name.EndsWith("Endpoints", StringComparison.Ordinal))
            .Where(t => t.Methods.Any(m => m.HasBody && m.Body.Instructions.Any(i =>
                i.Operand is Mono.Cecil.MethodReference { Name: "Field", DeclaringType.Name: "Problems" })))
            .Select(t => Outermost(t).FullName).Distinct().Where(t => !exceptions.Contains(t)).ToList();
    }

    private static readonly HashSet<string> PublishingSeam =
    [
        "TeamShare.SharedKernel.Data.DurableNotifications", "TeamShare.SharedKernel.Data.NotificationRelay`1",
        "TeamShare.SharedKernel.Publishing.BestEffort`1", "TeamShare.SharedKernel.Data.PublishAfterCommit`2",
    ];
}
