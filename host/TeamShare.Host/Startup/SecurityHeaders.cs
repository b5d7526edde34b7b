namespace TeamShare.Host.Startup;

internal static class SecurityHeaders
{
    private const string PageCsp =
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; " +
        "frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

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
