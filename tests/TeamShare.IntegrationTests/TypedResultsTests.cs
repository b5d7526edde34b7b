using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace TeamShare.IntegrationTests;

/// <summary>
/// Issue 26.2: every JSON and file route says what it answers in its signature (<c>Results&lt;…&gt;</c> or one concrete result),
/// so the OpenAPI document lists every answer and the compiler checks each branch; a plain <c>IResult</c> says nothing.
/// </summary>
public sealed class TypedResultsTests(TeamShareFactory factory) : IClassFixture<TeamShareFactory>
{
    /// <summary>Whether a route handler's declared answer hides what it is (IResult, or a task of one).</summary>
    private static bool Untyped(MethodInfo handler)
    {
        var type = handler.ReturnType;
        if (type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(Task<>) || type.GetGenericTypeDefinition() == typeof(ValueTask<>)))
            type = type.GetGenericArguments()[0];
        return type == typeof(IResult);
    }

    private static Task<IResult> Canary() => Task.FromResult<IResult>(TypedResults.Ok());
    private static Task<Results<Ok, NotFound>> Typed() => Task.FromResult<Results<Ok, NotFound>>(TypedResults.Ok());

    [Fact]
    public void Issue26_every_route_handler_declares_typed_results()
    {
        // The canary: the rule tells an untyped handler from a typed one.
        Assert.True(Untyped(((Func<Task<IResult>>)Canary).Method));
        Assert.False(Untyped(((Func<Task<Results<Ok, NotFound>>>)Typed).Method));

        var handlers = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Route: e.RoutePattern.RawText, Handler: e.Metadata.GetMetadata<MethodInfo>()))
            .Where(r => r.Handler is not null && r.Handler.DeclaringType?.Assembly.GetName().Name?.StartsWith("TeamShare.") == true)
            .ToList();
        Assert.True(handlers.Count > 90, $"only {handlers.Count} route handlers found");
        var untyped = handlers.Where(r => Untyped(r.Handler!)).Select(r => $"{r.Route} ({r.Handler!.DeclaringType?.Name}.{r.Handler.Name})").Distinct().ToList();
        Assert.True(untyped.Count == 0, $"{untyped.Count} routes answer a plain IResult:\n" + string.Join("\n", untyped));
    }
}
