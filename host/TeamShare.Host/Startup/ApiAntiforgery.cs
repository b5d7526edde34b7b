using Microsoft.AspNetCore.Antiforgery;
using TeamShare.SharedKernel.Security;

namespace TeamShare.Host.Startup;

internal static class ApiAntiforgery
{
    /// <summary>
    /// A JSON call that rides on the sign-in cookie must carry the anti-forgery header the pages put in a meta tag, or a
    /// foreign site could make the browser call us. Bearer calls carry no ambient credential and need none.
    /// </summary>
    public static IApplicationBuilder UseApiAntiforgery(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        var unsafeMethod = !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method));
        // The API, and the recipient routes a signed-in member may also use with their cookie (upload, edit, unlock).
        if (unsafeMethod && (request.Path.StartsWithSegments("/api") || IsRecipientChange(request))
            && context.User.Identity is { IsAuthenticated: true, AuthenticationType: TeamShareClaims.CookieScheme })
        {
            var antiforgery = context.RequestServices.GetRequiredService<IAntiforgery>();
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                await Results.Problem(statusCode: 400, title: "Missing anti-forgery token",
                    detail: "Reload the page and try again.", extensions: new Dictionary<string, object?> { ["reason"] = "antiforgery" })
                    .ExecuteAsync(context);
                return;
            }
        }
        await next();
    });

    /// <summary>Link and QR routes that change something; their page forms (POST to the page itself) carry their own token.</summary>
    private static bool IsRecipientChange(HttpRequest request) =>
        (request.Path.StartsWithSegments("/s") || request.Path.StartsWithSegments("/q"))
        && request.Path.Value!.Split('/', StringSplitOptions.RemoveEmptyEntries).Length > 2;
}
