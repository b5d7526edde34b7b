using System.Text;
using Microsoft.AspNetCore.Http;

namespace TeamShare.SharedKernel.WebDav;

/// <summary>The WebDAV request headers both member and link WebDAV read, parsed one way.</summary>
public static class DavRequest
{
    public const string Methods = "OPTIONS, GET, HEAD, PUT, DELETE, PROPFIND, PROPPATCH, MKCOL, COPY, MOVE, LOCK, UNLOCK";
    public static readonly string[] All = ["OPTIONS", "GET", "HEAD", "PUT", "DELETE", "PROPFIND", "PROPPATCH", "MKCOL", "COPY", "MOVE", "LOCK", "UNLOCK"];

    /// <summary>"0", "1" or "infinity"; <paramref name="absent"/> when the header is missing; null when it is something else.</summary>
    public static string? Depth(HttpRequest request, string absent)
    {
        var value = request.Headers["Depth"].ToString().Trim();
        if (value.Length == 0) return absent;
        return value.ToLowerInvariant() is "0" or "1" or "infinity" ? value.ToLowerInvariant() : null;
    }

    /// <summary>Overwrite: T unless the client says F.</summary>
    public static bool Overwrite(HttpRequest request) => !string.Equals(request.Headers["Overwrite"].ToString().Trim(), "F", StringComparison.OrdinalIgnoreCase);

    /// <summary>The Destination header's path, unescaped; null when absent or not a URI.</summary>
    public static string? DestinationPath(HttpRequest request)
    {
        var value = request.Headers["Destination"].ToString();
        if (value.Length == 0) return null;
        if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme.StartsWith("http", StringComparison.OrdinalIgnoreCase))
            return Uri.UnescapeDataString(uri.AbsolutePath);
        return value.StartsWith('/') ? Uri.UnescapeDataString(value.Split('?', '#')[0]) : null;
    }

    /// <summary>A path of names, each escaped for an href; folders end with a slash.</summary>
    public static string Href(string prefix, IEnumerable<string> names, bool collection)
    {
        var builder = new StringBuilder(prefix.TrimEnd('/'));
        foreach (var name in names) builder.Append('/').Append(Uri.EscapeDataString(name));
        if (collection) builder.Append('/');
        return builder.ToString();
    }

    /// <summary>The names after a route's prefix: "a/b c/" → ["a", "b c"].</summary>
    public static string[] Segments(string? path) => (path ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>
    /// RFC 4918 §10.7 Timeout: "Second-N" or "Infinite", first one we understand wins; bounded to [1 s, <paramref name="max"/>],
    /// <paramref name="standard"/> when absent.
    /// </summary>
    public static TimeSpan Timeout(HttpRequest request, TimeSpan standard, TimeSpan max)
    {
        foreach (var part in request.Headers["Timeout"].ToString().Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (part.Equals("Infinite", StringComparison.OrdinalIgnoreCase)) return max;
            if (part.StartsWith("Second-", StringComparison.OrdinalIgnoreCase) && long.TryParse(part[7..], out var seconds) && seconds > 0)
                return TimeSpan.FromSeconds(Math.Min(seconds, (long)max.TotalSeconds));
        }
        return standard;
    }

    /// <summary>HTTP Basic credentials, or null when the header is not Basic or does not decode.</summary>
    public static (string User, string Password)? Basic(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)) return null;
        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
            var colon = decoded.IndexOf(':');
            return colon < 0 ? null : (decoded[..colon], decoded[(colon + 1)..]);
        }
        catch (FormatException) { return null; }
    }

    /// <summary>The answer to OPTIONS: class 1 and 2 where locking is offered, 1 otherwise.</summary>
    public static void Options(HttpResponse response, bool locking, string allow)
    {
        response.Headers["DAV"] = locking ? "1, 2" : "1";
        response.Headers["MS-Author-Via"] = "DAV";
        response.Headers.Allow = allow;
        response.StatusCode = 200;
        response.ContentLength = 0;
    }

    /// <summary>The 401 a WebDAV client answers with credentials.</summary>
    public static void Challenge(HttpResponse response, string realm) =>
        response.Headers.WWWAuthenticate = $"Basic realm=\"{realm}\", charset=\"UTF-8\"";
}
