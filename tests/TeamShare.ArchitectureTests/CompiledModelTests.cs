using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design.Internal;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Scaffolding;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace TeamShare.ArchitectureTests;

/// <summary>
/// Issue 24 (B10), ADR 0033: the embedded database's module contexts start from compiled models, generated code that EF uses
/// instead of building each model at start. A compiled model that no longer matches its context's model would serve the old
/// shape; each is generated here again, in memory, by the services `dotnet ef dbcontext optimize` uses, and compared with the
/// checked-in files.
/// </summary>
public sealed class CompiledModelTests
{
    public static IEnumerable<object[]> EachSqliteContext() =>
        Assemblies.Modules.SelectMany(Assemblies.DesignTimeContexts)
            .Where(db => db.Database.ProviderName == "Microsoft.EntityFrameworkCore.Sqlite")
            .Select(db => new object[] { db.GetType().Assembly.GetName().Name!, db.GetType().Name });

    [Theory]
    [MemberData(nameof(EachSqliteContext))]
    public void A_compiled_model_is_what_its_context_builds_now(string assembly, string type)
    {
        using var db = Assemblies.DesignTimeContexts(Assemblies.ByName(assembly)).Single(c => c.GetType().Name == type);
        var checkedIn = Path.Combine(RepositoryRoot(), "modules", assembly.Split('.')[1], assembly, "Data", "CompiledModels");
        var generated = Generate(db, $"{assembly}.Data.CompiledModels");

        var stale = generated.Where(f => !File.Exists(Path.Combine(checkedIn, f.Path)) || Normal(File.ReadAllText(Path.Combine(checkedIn, f.Path))) != Normal(f.Code))
            .Select(f => f.Path)
            .Concat(Directory.GetFiles(checkedIn).Select(Path.GetFileName).Except(generated.Select(f => f.Path)).Select(f => $"{f} (no longer generated)"))
            .ToList();
        Assert.True(stale.Count == 0, $"{type}'s compiled model is out of step ({string.Join(", ", stale)}): run scripts/compiled-models.sh.");
    }

#pragma warning disable EF1001 // the design-time services that `dotnet ef dbcontext optimize` builds
    private static IReadOnlyCollection<ScaffoldedFile> Generate(DbContext db, string modelNamespace)
    {
        var services = new DesignTimeServicesBuilder(db.GetType().Assembly, db.GetType().Assembly, new OperationReporter(null), []).Build(db);
        var options = new CompiledModelCodeGenerationOptions { ContextType = db.GetType(), ModelNamespace = modelNamespace, Language = "C#" };
        return services.GetRequiredService<ICompiledModelCodeGeneratorSelector>().Select(options)
            .GenerateModel(db.GetService<IDesignTimeModel>().Model, options);
    }
#pragma warning restore EF1001

    // scripts/compiled-models.sh makes the generated classes internal; the model's id is new at each generation; line
    // endings and the byte-order mark do not count.
    private static string Normal(string code) =>
        Regex.Replace(Regex.Replace(code.TrimStart('\uFEFF').ReplaceLineEndings("\n"), "^    public partial class ", "    internal partial class ",
            RegexOptions.Multiline), @"modelId: new Guid\(""[0-9a-f-]+""\)", "modelId: (new)");

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "TeamShare.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("TeamShare.sln not found above the test's directory.");
    }
}
