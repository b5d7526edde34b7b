using System.Globalization;
using System.Xml.Linq;
using Microsoft.Extensions.Localization;
using TeamShare.SharedKernel.Localization;
using Xunit;

namespace TeamShare.UnitTests;

/// <summary>Issue 11: both languages know the same words, and plurals take the right form in each.</summary>
public sealed class LocalizationTests
{
    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "TeamShare.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("TeamShare.sln not found above the test's folder.");
    }

    private static HashSet<string> KeysOf(string resx) =>
        XDocument.Load(resx).Root!.Elements("data").Select(d => d.Attribute("name")!.Value).ToHashSet();

    public static TheoryData<string> EnglishResources()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(RepositoryRoot(), "modules"), "*.resx", SearchOption.AllDirectories)
                     .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && Path.GetFileNameWithoutExtension(f).Split('.').Length == 1))
            data.Add(Path.GetRelativePath(RepositoryRoot(), file));
        return data;
    }

    [Theory]
    [MemberData(nameof(EnglishResources))]
    public void Issue11_every_key_is_in_English_and_in_Polish(string english)
    {
        var path = Path.Combine(RepositoryRoot(), english);
        var polish = Path.ChangeExtension(path, ".pl.resx");
        Assert.True(File.Exists(polish), $"{english} has no Polish file");
        var (en, pl) = (KeysOf(path), KeysOf(polish));
        Assert.Empty(en.Except(pl));
        Assert.Empty(pl.Except(en));
    }

    /// <summary>Resource names are looked up ignoring case once compiled: "Viewer" and "viewer" would be one key.</summary>
    [Theory]
    [MemberData(nameof(EnglishResources))]
    public void Issue11_no_two_keys_differ_only_in_case(string english)
    {
        var keys = XDocument.Load(Path.Combine(RepositoryRoot(), english)).Root!.Elements("data").Select(d => d.Attribute("name")!.Value);
        Assert.Empty(keys.GroupBy(k => k, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key));
    }

    /// <summary>A call that answers a problem or a console page's sentence: its English text must be a key.</summary>
    private static readonly System.Text.RegularExpressions.Regex Saying = new(
        @"\b(Invalid|Fail|Forbidden|Field|Status|Done)\(|RefusalText|errors\[""|=> new\(4\d\d,");

    /// <summary>A C# string literal, plain or interpolated (holes may hold quotes: <c>{string.Join(", ", x)}</c>).</summary>
    private static readonly System.Text.RegularExpressions.Regex Literal = new(@"(\$?)""((?:[^""\\{}]|\\.|\{[^{}]*\})*)""");

    /// <summary>
    /// Every sentence the code answers with (problem titles, details, field errors, console confirmations) has a Polish
    /// translation: a new message written without one fails here, not in front of a Polish admin. WebDAV's answers are for
    /// clients that do not show them and stay English (docs/localization.md).
    /// </summary>
    [Fact]
    public void Issue11_every_sentence_the_code_answers_with_is_in_the_resources()
    {
        var keys = KeysOf(Path.Combine(RepositoryRoot(), "modules/Shared/TeamShare.SharedKernel/Localization/Ui.resx"));
        var sources = Directory.GetFiles(Path.Combine(RepositoryRoot(), "modules"), "*.cs", SearchOption.AllDirectories)
            .Concat(Directory.GetFiles(Path.Combine(RepositoryRoot(), "host"), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains("Migrations")
                && !f.Contains("Dav") && !f.Contains("CopyDatabase"));
        var missing = new List<string>();
        foreach (var file in sources)
            foreach (var line in File.ReadLines(file).Where(l => Saying.IsMatch(l)))
                foreach (System.Text.RegularExpressions.Match literal in Literal.Matches(line))
                {
                    var hole = 0;
                    var text = literal.Groups[1].Value == "$"
                        ? System.Text.RegularExpressions.Regex.Replace(literal.Groups[2].Value, @"\{[^{}]*\}", _ => $"{{{hole++}}}")
                        : literal.Groups[2].Value;
                    text = text.Replace("\\\"", "\"").Replace("\\\\", "\\");
                    // Sentences and titles people read; not reasons, field names, routes or template names.
                    if (text.Length < 6 || !text.Contains(' ') || !char.IsUpper(text[0])) continue;
                    if (!keys.Contains(text)) missing.Add($"{Path.GetFileName(file)}: {text}");
                }
        Assert.True(missing.Count == 0, string.Join("\n", missing));
    }

    [Fact]
    public void Issue11_the_test_sees_the_resources_at_all() => Assert.NotEmpty(EnglishResources());

    [Theory]
    [InlineData("pl", 1, "1 plik")]
    [InlineData("pl", 2, "2 pliki")]
    [InlineData("pl", 4, "4 pliki")]
    [InlineData("pl", 5, "5 plików")]
    [InlineData("pl", 12, "12 plików")]
    [InlineData("pl", 22, "22 pliki")]
    [InlineData("pl", 25, "25 plików")]
    [InlineData("en", 1, "1 file")]
    [InlineData("en", 3, "3 files")]
    public void Issue11_plurals_take_the_languages_forms(string culture, int n, string expected)
    {
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = new CultureInfo(culture);
            var factory = new ResourceManagerStringLocalizerFactory(
                Microsoft.Extensions.Options.Options.Create(new LocalizationOptions()), Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);
            var t = new StringLocalizer<Ui>(factory);
            Assert.Equal(expected, t.Plural(n, "{0} file", "{0} files"));
        }
        finally { CultureInfo.CurrentUICulture = previous; }
    }
}
