using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace TeamShare.IntegrationTests;

/// <summary>A real HTTP server on loopback standing in for a chat system's incoming webhook; answers from a script of status codes.</summary>
public sealed class ChatListener : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<int> _answers = new();
    public ConcurrentQueue<string> Received { get; } = new();
    public string Url { get; }

    public ChatListener(params int[] answers) : this("127.0.0.1", answers) { }

    /// <param name="address">A loopback address to listen on; 127.0.0.2 stands for an inner address nobody allowed.</param>
    public ChatListener(string address, params int[] answers)
    {
        foreach (var a in answers) _answers.Enqueue(a);
        var port = FreePort();
        Url = $"http://{address}:{port}/hooks/team/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _ = Task.Run(ServeAsync);
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception) { return; }
            using var reader = new StreamReader(context.Request.InputStream);
            Received.Enqueue(await reader.ReadToEndAsync());
            context.Response.StatusCode = _answers.TryDequeue(out var status) ? status : 200;
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    public void Dispose() => _listener.Close();
}
