using TeamShare.Policy.Decisions;

namespace TeamShare.UnitTests;

public sealed class ApprovedListTests
{
    [Theory]
    [InlineData("example.com", "bob@example.com", true)]
    [InlineData("example.com", "bob@a.example.com", true)]
    [InlineData("example.com", "bob@deep.a.example.com", true)]
    [InlineData("example.com", "bob@badexample.com", false)]
    [InlineData("example.com", "bob@example.com.evil.org", false)]
    [InlineData("example.com", "bob@EXAMPLE.COM", true)]
    [InlineData("Example.COM", "bob@example.com", true)]
    [InlineData("*.example.com", "bob@x.example.com", true)]
    [InlineData("@example.com", "bob@example.com", true)]
    [InlineData("bob@example.com", "BOB@example.com", true)]
    [InlineData("bob@example.com", "alice@example.com", false)]
    [InlineData("bob@example.com", "bob@sub.example.com", false)]
    [InlineData("bücher.de", "leser@xn--bcher-kva.de", true)]
    [InlineData("xn--bcher-kva.de", "leser@BÜCHER.de", true)]
    [InlineData("bücher.de", "leser@shop.bücher.de", true)]
    [InlineData("bücher.de", "leser@bucher.de", false)]
    public void AD2_a_domain_covers_itself_and_its_subdomains_and_nothing_else(string entry, string email, bool covered)
    {
        var normalized = ApprovedList.Normalize(entry);
        Assert.NotNull(normalized);
        Assert.Equal(covered, ApprovedList.Covers([normalized.Value], email));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a domain")]
    [InlineData("localhost")]
    [InlineData("bob@")]
    [InlineData("@")]
    [InlineData("a..b.com")]
    public void AD2_junk_is_not_an_entry(string input) => Assert.Null(ApprovedList.Normalize(input));
}
