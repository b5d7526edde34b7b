using Xunit.Abstractions;
using Xunit.Sdk;

namespace TeamShare.IntegrationTests;

/// <summary>
/// A test class that spends most of its time waiting (a lease to lapse, a job's next minute) or is one of the longest: it is
/// started before the others, so its wait overlaps their work instead of ending the run alone (issue 26.5). Order only;
/// what the class proves does not change.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class StartsEarlyAttribute(string why) : Attribute
{
    public string Why { get; } = why;
}

/// <summary>Collections whose class is marked <see cref="StartsEarlyAttribute"/> first; the others after, in the runner's order.</summary>
public sealed class StartsEarlyOrderer : ITestCollectionOrderer
{
    private const string ClassCollectionPrefix = "Test collection for ";

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections.OrderBy(c => StartsEarly(c) ? 0 : 1);

    private static bool StartsEarly(ITestCollection collection)
    {
        var type = collection.CollectionDefinition
                   ?? (collection.DisplayName.StartsWith(ClassCollectionPrefix, StringComparison.Ordinal)
                       ? collection.TestAssembly.Assembly.GetType(collection.DisplayName[ClassCollectionPrefix.Length..])
                       : null);
        return type?.GetCustomAttributes(typeof(StartsEarlyAttribute)).Any() == true;
    }
}
