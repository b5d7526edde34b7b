using System.Text.RegularExpressions;
using Mediator;
using Xunit;

namespace TeamShare.ArchitectureTests;

/// <summary>
/// Issue 26.4: the module table of <c>docs/architecture.md</c> is the map a newcomer reads first. It is checked against the
/// contracts themselves, so adding, renaming or removing a request or a notification without the map fails here.
/// </summary>
public sealed partial class ArchitectureMapTests
{
    private static readonly Lazy<string[]> Rows = new(() =>
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "TeamShare.sln"))) directory = directory.Parent;
        var text = File.ReadAllText(Path.Combine(directory!.FullName, "docs", "architecture.md"));
        var table = text[text.IndexOf("## Modules and what each owns", StringComparison.Ordinal)..];
        return table.Split('\n').SkipWhile(l => !l.StartsWith('|')).TakeWhile(l => l.StartsWith('|')).Skip(2).ToArray();
    });

    [GeneratedRegex("`([A-Za-z]+)`")]
    private static partial Regex CodeName();

    /// <summary>The backticked names in one column of a module's row (columns: module, owns, answers, tells).</summary>
    private static SortedSet<string> Column(string module, int column)
    {
        var row = Rows.Value.SingleOrDefault(r => r.StartsWith($"| {module} ", StringComparison.Ordinal))
                  ?? throw new Xunit.Sdk.XunitException($"docs/architecture.md has no row for {module}.");
        return new SortedSet<string>(CodeName().Matches(row.Split('|')[column + 1]).Select(m => m.Groups[1].Value), StringComparer.Ordinal);
    }

    private static IEnumerable<Type> Messages(System.Reflection.Assembly contracts) =>
        contracts.GetExportedTypes().Where(t => t is { IsAbstract: false, IsInterface: false } && typeof(IMessage).IsAssignableFrom(t));

    private static string Describe(string what, SortedSet<string> actual, SortedSet<string> documented) =>
        $"{what}: missing from docs/architecture.md: [{string.Join(", ", actual.Except(documented))}]; "
        + $"documented but not in the code: [{string.Join(", ", documented.Except(actual))}]";

    [Theory]
    [MemberData(nameof(Assemblies.EachContracts), MemberType = typeof(Assemblies))]
    public void The_map_names_every_request_a_module_answers_and_nothing_else(string contracts)
    {
        var module = contracts["TeamShare.".Length..^".Contracts".Length];
        var actual = new SortedSet<string>(Messages(Assemblies.ByName(contracts)).Where(t => !typeof(INotification).IsAssignableFrom(t))
            .Select(t => t.Name), StringComparer.Ordinal);
        var documented = Column(module, 2);
        Assert.True(actual.SetEquals(documented), Describe($"{module} answers", actual, documented));
    }

    [Fact]
    public void The_map_names_every_notification_a_contract_declares_under_a_module_that_tells_it()
    {
        var actual = new SortedSet<string>(Assemblies.Contracts.SelectMany(Messages).Where(t => typeof(INotification).IsAssignableFrom(t))
            .Select(t => t.Name), StringComparer.Ordinal);
        var documented = new SortedSet<string>(Assemblies.Contracts.SelectMany(c => Column(c.GetName().Name!["TeamShare.".Length..^".Contracts".Length], 3)),
            StringComparer.Ordinal);
        Assert.True(actual.SetEquals(documented), Describe("tells", actual, documented));
    }

    [Fact]
    public void Canary_a_request_left_out_of_the_map_is_caught()
    {
        var documented = Column("Links", 2);
        documented.Remove(documented.First());
        var actual = new SortedSet<string>(Messages(Assemblies.ByName("TeamShare.Links.Contracts")).Where(t => !typeof(INotification).IsAssignableFrom(t))
            .Select(t => t.Name), StringComparer.Ordinal);
        Assert.False(actual.SetEquals(documented));
    }
}
