using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace TeamShare.IntegrationTests;

/// <summary>A real SMTP server (python3-aiosmtpd, tests/smtp/catcher.py) on a port of the test's choosing; every mail lands as a file.</summary>
public sealed class SmtpServer : IDisposable
{
    private Process? _process;
    public int Port { get; }
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "teamshare-smtp", Guid.NewGuid().ToString("N"));

    public SmtpServer(int? port = null) => Port = port ?? FreePort();

    public SmtpServer Start()
    {
        var script = Path.Combine(RepositoryRoot(), "tests", "smtp", "catcher.py");
        _process = Process.Start(new ProcessStartInfo("/usr/bin/python3", [script, Port.ToString(), Folder])
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
        })!;
        var ready = _process.StandardOutput.ReadLine();
        if (ready != "ready") throw new InvalidOperationException($"SMTP catcher did not start: {_process.StandardError.ReadToEnd()}");
        return this;
    }

    public IReadOnlyList<string> Messages() =>
        Directory.Exists(Folder) ? Directory.GetFiles(Folder, "*.eml").Order().Select(File.ReadAllText).ToList() : [];

    public IReadOnlyList<string> MessagesTo(string address) =>
        Messages().Where(m => m.StartsWith($"X-Envelope-To: {address}", StringComparison.OrdinalIgnoreCase)).ToList();

    public void Stop()
    {
        if (_process is { HasExited: false }) { _process.Kill(); _process.WaitForExit(5000); }
        _process = null;
    }

    public void Dispose()
    {
        Stop();
        try { Directory.Delete(Folder, true); } catch (IOException) { }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Waits until a peer the test started (slapd, the OpenID provider) takes connections on <paramref name="port"/>.</summary>
    internal static void WaitUntilListening(int port, Process process, string name)
    {
        for (var i = 0; i < 100 && !process.HasExited; i++)
        {
            try
            {
                using var tcp = new TcpClient("127.0.0.1", port);
                return;
            }
            catch (SocketException) { Thread.Sleep(100); }
        }
        throw new InvalidOperationException($"{name} did not start: " + process.StandardError.ReadToEnd());
    }

    internal static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "TeamShare.sln"))) directory = directory.Parent;
        return directory!.FullName;
    }
}
