using System.Text;
using TeamShare.Policy.Activity;

namespace TeamShare.UnitTests;

public sealed class CsvWriterTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("=HYPERLINK(\"http://evil\")", "\"'=HYPERLINK(\"\"http://evil\"\")\"")]
    [InlineData("+1", "'+1")]
    [InlineData("-1", "'-1")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tTAB", "'\tTAB")]
    public void AD12_cells_are_rfc4180_and_formula_safe(string value, string expected) => Assert.Equal(expected, CsvWriter.Cell(value));

    [Fact]
    public void AD12_rows_end_with_crlf()
    {
        var csv = new StringBuilder();
        CsvWriter.Row(csv, ["a", "b"]);
        CsvWriter.Row(csv, ["c", "d"]);
        Assert.Equal("a,b\r\nc,d\r\n", csv.ToString());
    }
}
