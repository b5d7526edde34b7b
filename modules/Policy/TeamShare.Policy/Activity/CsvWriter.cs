using System.Text;

namespace TeamShare.Policy.Activity;

/// <summary>
/// RFC 4180 rows (CRLF, quoted when needed, quotes doubled). A cell that a spreadsheet would read as a formula (starting
/// with =, +, -, @, tab or CR) is prefixed with an apostrophe, so an exported name can never run in the admin's spreadsheet.
/// </summary>
internal static class CsvWriter
{
    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];

    public static void Row(StringBuilder csv, IReadOnlyList<string> cells)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0) csv.Append(',');
            csv.Append(Cell(cells[i]));
        }
        csv.Append("\r\n");
    }

    public static string Cell(string value)
    {
        if (value.Length > 0 && FormulaStarts.Contains(value[0])) value = "'" + value;
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{value.Replace("\"", "\"\"")}\"" : value;
    }
}
