using TeamShare.SharedKernel.Validation;
using System.Reflection;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace TeamShare.SharedKernel.Http;

/// <summary>
/// The HTTP edge of validation, attached to every module's routes by the host: a JSON body is null-checked and run through
/// its <see cref="IValidator{T}"/> before the endpoint sees it; a 400 names the fields. Requests themselves are checked by
/// <see cref="ValidationBehavior{TMessage, TResponse}"/>, whoever sends them. It fails closed: a route whose body type has
/// no validator registered answers 500 and does nothing (and a test lists such routes before they ship). The validator is
/// found once, when the route is built, so a request pays no reflection.
/// </summary>
public static class BodyValidation
{
    public static IServiceCollection AddValidator<T, TValidator>(this IServiceCollection services)
        where TValidator : class, IValidator<T> => services.AddSingleton<IValidator<T>, TValidator>();

    public static IServiceCollection AddBodiesWithoutShapeChecks(this IServiceCollection services, params Type[] bodies)
    {
        foreach (var body in bodies)
            services.AddSingleton(typeof(IValidator<>).MakeGenericType(body), typeof(NoShapeChecks<>).MakeGenericType(body));
        return services;
    }

    public static TBuilder ValidateBodies<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilterFactory(Filter);

    /// <summary>The parameters minimal APIs bind from the JSON body: our own complex types that are not services.</summary>
    public static IEnumerable<ParameterInfo> BodyParameters(MethodInfo method, IServiceProvider services)
    {
        var isService = services.GetService<IServiceProviderIsService>();
        return method.GetParameters().Where(p => p.ParameterType is { IsClass: true } t && t.Namespace?.StartsWith("TeamShare.") == true
            && t != typeof(ClaimsPrincipal) && isService?.IsService(t) != true);
    }

    private static EndpointFilterDelegate Filter(EndpointFilterFactoryContext context, EndpointFilterDelegate next)
    {
        var checks = BodyParameters(context.MethodInfo, context.ApplicationServices)
            .Select(p => (p.Position, Check: CheckFor(p.ParameterType, context.ApplicationServices))).ToList();
        if (checks.Count == 0) return next;
        if (checks.Any(c => c.Check is null))
            return _ => ValueTask.FromResult<object?>(Problems.Status(500, "Not available",
                "This route has no validator for its body, so it refuses every request.", "no_validator"));
        return async invocation =>
        {
            foreach (var (position, check) in checks)
            {
                if (invocation.Arguments[position] is not { } body)
                    return Problems.Field("body", "Send a JSON body.");
                if (check!(body) is { Count: > 0 } errors) return TypedResults.ValidationProblem(errors);
            }
            return await next(invocation);
        };
    }

    private static Func<object, IReadOnlyDictionary<string, string[]>>? CheckFor(Type body, IServiceProvider services) =>
        (Func<object, IReadOnlyDictionary<string, string[]>>?)typeof(BodyValidation).GetMethod(nameof(Typed), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(body).Invoke(null, [services]);

    private static Func<object, IReadOnlyDictionary<string, string[]>>? Typed<T>(IServiceProvider services) =>
        services.GetService<IValidator<T>>() is { } validator ? body => validator.Validate((T)body) : null;
}
