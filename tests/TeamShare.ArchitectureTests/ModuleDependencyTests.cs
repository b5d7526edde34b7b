using Xunit;

namespace TeamShare.ArchitectureTests;

/// <summary>
/// Issue 26.4: which module may ask which, read from the contracts each module's assembly really uses (the compiler keeps a
/// reference only when something of it is used). Every pair that asks both ways is named, with its reason, in ADR 0030.
/// </summary>
public sealed class ModuleDependencyTests
{
    private static readonly Dictionary<string, string[]> Pinned = new()
    {
        ["Identity"] = ["Invitations", "Policy", "Spaces"],
        ["Invitations"] = ["Identity", "Policy", "Spaces"],
        ["Links"] = ["Identity", "Invitations", "Policy", "Spaces", "Webhooks"],
        ["Policy"] = ["Identity", "Links", "Spaces"],
        ["Spaces"] = ["Identity", "Links"],
        ["Webhooks"] = ["Policy", "Spaces"],
    };

    private static string Short(string assembly) => assembly.Replace("TeamShare.", "").Replace(".Contracts", "");

    private static Dictionary<string, string[]> Actual() => Assemblies.Modules.ToDictionary(m => Short(m.GetName().Name!),
        m => m.GetReferencedAssemblies().Select(r => r.Name!).Where(n => n.StartsWith("TeamShare.") && n.EndsWith(".Contracts"))
            .Select(Short).Where(n => n != Short(m.GetName().Name!)).Order(StringComparer.Ordinal).ToArray());

    /// <summary>The pairs that ask each other both ways, as "A ↔ B" with A before B.</summary>
    public static IReadOnlyList<string> TwoWay(Dictionary<string, string[]> asks) =>
        [.. from a in asks from b in a.Value where string.CompareOrdinal(a.Key, b) < 0 && asks.GetValueOrDefault(b, []).Contains(a.Key) select $"{a.Key} ↔ {b}"];

    private static IReadOnlyList<string> NotInTheAdr(IReadOnlyList<string> pairs)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "TeamShare.sln"))) directory = directory.Parent;
        var adr = File.ReadAllText(Path.Combine(directory!.FullName, "docs", "adr", "0030-two-way-module-pairs.md"));
        return [.. pairs.Where(p => !adr.Contains($"**{p}.**", StringComparison.Ordinal))];
    }

    [Fact]
    public void Issue26_each_module_asks_only_the_modules_pinned_here()
    {
        var actual = Actual();
        var differences = Pinned.Keys.Union(actual.Keys).Where(m => !Pinned.GetValueOrDefault(m, []).SequenceEqual(actual.GetValueOrDefault(m, [])))
            .Select(m => $"{m}: pinned [{string.Join(", ", Pinned.GetValueOrDefault(m, []))}], asks [{string.Join(", ", actual.GetValueOrDefault(m, []))}]").ToList();
        Assert.True(differences.Count == 0, "module dependencies changed (update the table and, for a two-way pair, ADR 0030):\n" + string.Join("\n", differences));
    }

    [Fact]
    public void Issue26_every_two_way_pair_is_kept_by_ADR_0030_with_its_reason()
    {
        var pairs = TwoWay(Actual());
        Assert.Equal(5, pairs.Count);
        Assert.Empty(NotInTheAdr(pairs));
    }

    [Fact]
    public void Canary_a_two_way_pair_the_ADR_does_not_name_is_caught()
    {
        var asks = new Dictionary<string, string[]> { ["Spaces"] = ["Webhooks"], ["Webhooks"] = ["Spaces"] };
        Assert.Equal(["Spaces ↔ Webhooks"], TwoWay(asks));
        Assert.Equal(["Spaces ↔ Webhooks"], NotInTheAdr(TwoWay(asks)));
    }
}
