using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.AspNetCore.Routing.Template;
using TeamShare.SharedKernel.Http;

namespace TeamShare.Host.Startup;

/// <summary>
/// The catch-all endpoint. Unknown routes are a 404 problem for everyone (without it, the fallback authorization policy
/// would send anonymous callers to sign in). Because it matches every path, routing would also pick it for a known API
/// route sent with the wrong Content-Type; that case is told apart here and answered 415, naming what to send.
/// </summary>
internal static class UnknownRoutes
{
    public static IEndpointConventionBuilder MapUnknownRoutes(this WebApplication app) =>
        app.MapFallback("{*path}", (HttpContext context, EndpointDataSource endpoints) =>
            AcceptedTypesFor(context, endpoints) is { } accepted
                ? Problems.Status(415, "Unsupported media type",
                    $"Send the body as {string.Join(" or ", accepted)} with a matching Content-Type header.", "unsupported_media_type")
                : Problems.NotFound())
            .AllowAnonymous().ExcludeFromDescription();

    /// <summary>The content types the known endpoint for this method and path accepts, or null when there is none.</summary>
    private static IReadOnlyList<string>? AcceptedTypesFor(HttpContext context, EndpointDataSource endpoints)
    {
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) return null;
        foreach (var endpoint in endpoints.Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<IAcceptsMetadata>() is not { ContentTypes.Count: > 0 } accepts) continue;
            if (endpoint.Metadata.GetMetadata<IHttpMethodMetadata>() is not { } methods
                || !methods.HttpMethods.Contains(request.Method, StringComparer.OrdinalIgnoreCase)) continue;
            if (new TemplateMatcher(new RouteTemplate(endpoint.RoutePattern), new RouteValueDictionary()).TryMatch(request.Path, new RouteValueDictionary()))
                return accepts.ContentTypes;
        }
        return null;
    }
}
