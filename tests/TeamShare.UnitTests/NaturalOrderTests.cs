using TeamShare.Spaces.Items;

namespace TeamShare.UnitTests;

/// <summary>Issue 28: names sort as people read numbers in them (Explorer, Finder, Drive), not as text.</summary>
public sealed class NaturalOrderTests
{
    [Fact]
    public void Issue28_numbers_in_names_sort_by_value_whatever_their_length_and_case()
    {
        string[] expected = ["f1", "F2", "f9", "f10", "f10a", "f10b", "f99", "f100", "f1000.txt", "report 2 final", "report 10", "report10x"];
        var shuffled = expected.Reverse().ToList();
        Assert.Equal(expected, shuffled.OrderBy(ItemNames.SortKey, StringComparer.Ordinal).ToList());
    }

    [Theory]
    [InlineData("f01", "f1")] // leading zeros do not change the value; the name key (unique) tells them apart
    [InlineData("f000", "f0")]
    public void Issue28_leading_zeros_are_the_same_number(string a, string b) => Assert.Equal(ItemNames.SortKey(a), ItemNames.SortKey(b));

    [Fact]
    public void Issue28_numbers_come_before_letters_and_a_name_before_its_longer_forms()
    {
        string[] expected = ["f", "f0", "f2", "f10", "fa", "fb1"];
        Assert.Equal(expected, expected.Reverse().OrderBy(ItemNames.SortKey, StringComparer.Ordinal).ToList());
    }
}
