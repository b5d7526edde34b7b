using System.Diagnostics;

namespace TeamShare.IntegrationTests;

/// <summary>
/// A real small disk for disk-full tests: a tmpfs of a few megabytes. Mounting needs root, which the test command has (or
/// sudo without a password); anything else fails the test with the reason instead of skipping it.
/// </summary>
public sealed class SmallDisk : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "teamshare-small-disk", Guid.NewGuid().ToString("N"));

    public SmallDisk(int megabytes = 4)
    {
        Directory.CreateDirectory(Path);
        Run("mount", "-t", "tmpfs", "-o", $"size={megabytes}m", "tmpfs", Path);
    }

    public void Dispose()
    {
        Run("umount", "-l", Path);
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }

    private static void Run(params string[] command)
    {
        var start = Environment.UserName == "root" ? new ProcessStartInfo(command[0], command[1..]) : new ProcessStartInfo("sudo", ["-n", .. command]);
        start.RedirectStandardError = true;
        using var process = Process.Start(start)!;
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{string.Join(' ', command)} failed: {process.StandardError.ReadToEnd()}");
    }
}
