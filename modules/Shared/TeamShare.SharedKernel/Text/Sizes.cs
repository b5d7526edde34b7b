using System.Globalization;

namespace TeamShare.SharedKernel.Text;

/// <summary>File sizes as people read them (1.5 MB), the same on every page.</summary>
public static class Sizes
{
    public static string Human(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => (bytes / 1024.0).ToString("0.#", CultureInfo.InvariantCulture) + " KB",
        < 1024L * 1024 * 1024 => (bytes / 1024.0 / 1024).ToString("0.#", CultureInfo.InvariantCulture) + " MB",
        _ => (bytes / 1024.0 / 1024 / 1024).ToString("0.##", CultureInfo.InvariantCulture) + " GB",
    };
}

/// <summary>Counts as people say them: "1 person", "2 people", "1 day" (issue 12).</summary>
public static class Counts
{
    public static string People(int n) => Of(n, "person", "people");

    public static string Of(int n, string one, string many) => n == 1 ? $"1 {one}" : $"{n} {many}";
}
