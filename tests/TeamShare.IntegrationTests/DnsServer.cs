using System.Diagnostics;

namespace TeamShare.IntegrationTests;

/// <summary>A real DNS server (Debian's dnsmasq) on a port of the test's choosing, answering the TXT records it was started with.</summary>
public sealed class DnsServer : IDisposable
{
    private Process? _process;
    public int Port { get; } = SmtpServer.FreePort();
    public string Endpoint => $"127.0.0.1:{Port}";

    public DnsServer Start(params (string Name, string Text)[] txtRecords)
    {
        Stop();
        var arguments = new List<string>
        {
            "--keep-in-foreground", $"--port={Port}", "--listen-address=127.0.0.1", "--bind-interfaces", "--no-resolv", "--no-hosts",
            "--conf-file=/dev/null", "--pid-file=", "--log-facility=-",
        };
        if (Environment.UserName == "root") arguments.Add("--user=root");
        arguments.AddRange(txtRecords.Select(r => $"--txt-record={r.Name},{r.Text}"));
        _process = Process.Start(new ProcessStartInfo("/usr/sbin/dnsmasq", arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        // Ready once it answers: dnsmasq logs "started" before it binds, so wait for the port instead.
        for (var i = 0; i < 50 && !Answers(); i++) Thread.Sleep(100);
        return this;
    }

    private bool Answers()
    {
        using var udp = new System.Net.Sockets.UdpClient();
        udp.Client.ReceiveTimeout = 200;
        // A minimal query for "a." type A; any answer means the server is up.
        byte[] query = [0x12, 0x34, 0x01, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, (byte)'a', 0x00, 0x00, 0x01, 0x00, 0x01];
        try
        {
            udp.Send(query, query.Length, "127.0.0.1", Port);
            System.Net.IPEndPoint? from = null;
            return udp.Receive(ref from).Length > 0;
        }
        catch (System.Net.Sockets.SocketException) { return false; }
    }

    public void Stop()
    {
        if (_process is { HasExited: false }) { _process.Kill(); _process.WaitForExit(5000); }
        _process = null;
    }

    public void Dispose() => Stop();
}
