namespace TeamShare.Host.Startup;

internal static class SecurityHeaders
{
    private const string PageCsp =
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; " +
        "frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    /// <summary>
    /// A body in a charset .NET cannot decode (<c>application/json; charset=bogus</c>) is a 415 problem before any endpoint
    /// tries to read it (issue 14: it was a 500 on every JSON route).
    /// </summary>
    public static IApplicationBuilder UseKnownCharsets(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var type)
            && type.Charset is { Length: > 0 } charset && !IsKnown(charset.Value!.Trim('"')))
        {
            context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            await Results.Problem(statusCode: 415, title: "Unsupported charset",
                detail: $"The body's charset is not one TeamShare can read; send UTF-8 (charset=utf-8).").ExecuteAsync(context);
            return;
        }
        await next();
    });

    /// <summary>One .NET can decode: UTF-7 is a name .NET knows and refuses (issue 27: 185 of 195 fuzzed requests were 500).</summary>
    private static bool IsKnown(string charset)
    {
        try { _ = System.Text.Encoding.GetEncoding(charset); return true; }
        catch (ArgumentException) { return false; }
        catch (NotSupportedException) { return false; }
    }

    /// <summary>Headers every response carries; routes that need a stricter policy (previews) set their own.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            if (!headers.ContainsKey("X-Frame-Options")) headers.XFrameOptions = "DENY";
            if (!headers.ContainsKey("Referrer-Policy")) headers["Referrer-Policy"] = "same-origin";
            // The job dashboard ships inline scripts of its own; it is admin-only and gets no page CSP.
            if (!headers.ContainsKey("Content-Security-Policy") && !context.Request.Path.StartsWithSegments("/admin/jobs"))
                headers.ContentSecurityPolicy = PageCsp;
            return Task.CompletedTask;
        });
        await next();
    });
}
