using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace TeamShare.Host.Startup;

/// <summary>
/// Issue 23: one JSON object per log line — time, level, category, message, exception and the request's <c>traceId</c>,
/// the same id a problem answer shows the user, so an operator finds the line a user reports. The built-in JSON formatter
/// carries that id only inside its scopes, and the request scope also holds the path, where link tokens are (issue 14).
/// </summary>
internal sealed class JsonLogLines() : ConsoleFormatter(Name)
{
    public new const string Name = "teamshare-json";

    // Log lines are read by people and log shippers, never put into a page: "+" and "'" stay as they are.
    private static readonly JsonWriterOptions Options = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public override void Write<TState>(in LogEntry<TState> entry, IExternalScopeProvider? scopes, TextWriter writer)
    {
        var message = entry.Formatter(entry.State, entry.Exception);
        if (message is null && entry.Exception is null) return;
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            json.WriteString("time", DateTime.UtcNow);
            json.WriteString("level", entry.LogLevel.ToString());
            json.WriteString("category", entry.Category);
            if (entry.EventId.Id != 0) json.WriteNumber("eventId", entry.EventId.Id);
            json.WriteString("message", message);
            if (Activity.Current?.Id is { } traceId) json.WriteString("traceId", traceId);
            if (entry.Exception is { } exception) json.WriteString("exception", exception.ToString());
            json.WriteEndObject();
        }
        writer.Write(System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        writer.Write('\n');
    }
}
