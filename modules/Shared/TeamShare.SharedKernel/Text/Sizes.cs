using System.Globalization;

namespace TeamShare.SharedKernel.Text;

/// <summary>File sizes as people read them (1.5 MB; 1,5 MB in Polish), the same on every page.</summary>
public static class Sizes
{
    public static string Human(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => (bytes / 1024.0).ToString("0.#", CultureInfo.CurrentCulture) + " KB",
        < 1024L * 1024 * 1024 => (bytes / 1024.0 / 1024).ToString("0.#", CultureInfo.CurrentCulture) + " MB",
        _ => (bytes / 1024.0 / 1024 / 1024).ToString("0.##", CultureInfo.CurrentCulture) + " GB",
    };
}
