using System.Text.Json;
using System.Text.Json.Serialization;

namespace TeamShare.Host.Startup;

/// <summary>
/// No text with a NUL character gets in. PostgreSQL cannot store one in a text column and fails the statement (a search for
/// "a%00b" answered 500; found by the fuzz test), and no name, address or message needs one. Refused at the edge as a 400:
/// in the query string and in form posts here, in JSON strings by <see cref="NoNulStrings"/>.
/// </summary>
internal static class NulCharacters
{
    private const long FormLimit = 1024 * 1024;

    public static IApplicationBuilder UseNoNulCharacters(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        if (HasNul(request.QueryString.Value) || (request.HasFormContentType && await FormHasNulAsync(request)))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await Results.Problem(statusCode: 400, title: "The request could not be read.",
                detail: "Text may not contain NUL characters (%00).").ExecuteAsync(context);
            return;
        }
        await next();
    });

    private static bool HasNul(string? encoded) =>
        encoded is not null && (encoded.Contains("%00", StringComparison.Ordinal) || encoded.Contains('\0'));

    /// <summary>Only url-encoded forms, which are small (a multipart upload streams and its names are checked where read).</summary>
    private static async Task<bool> FormHasNulAsync(HttpRequest request)
    {
        if (!request.ContentType!.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase)
            || request.ContentLength is > FormLimit) return false;
        request.EnableBuffering();
        using var reader = new StreamReader(request.Body, leaveOpen: true);
        var body = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        request.Body.Position = 0;
        return HasNul(body);
    }
}

/// <summary>A JSON string with a NUL is a 400 naming its field (the binder reports the JsonException's path).</summary>
internal sealed class NoNulStrings : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var value = reader.GetString();
        return value is not null && value.Contains('\0') ? throw new JsonException("Text may not contain NUL characters.") : value;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    // Dictionary keys (policy channels, settings) go through these; without them a string converter makes such keys unreadable.
    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Read(ref reader, typeToConvert, options)!;

    public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
        writer.WritePropertyName(value);
}
