using System.Reflection;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace TeamShare.SharedKernel.Http;

/// <summary>
/// Shape checks of a JSON body that need no lookup (a field present, a value among the allowed ones). What needs the
/// database or the caller's role stays in the handler, which answers it as an <see cref="Outcome{T}"/>.
/// </summary>
public interface IBodyValidator<in T>
{
    /// <summary>The fields that are wrong, each with what to do about it; empty when the body is well formed.</summary>
    IReadOnlyDictionary<string, string[]> Validate(T body);
}

/// <summary>Said on purpose for a body whose every rule needs a lookup, so "no checks" is a decision, never an omission.</summary>
public sealed class NoShapeChecks<T> : IBodyValidator<T>
{
    private static readonly IReadOnlyDictionary<string, string[]> None = new Dictionary<string, string[]>();
    public IReadOnlyDictionary<string, string[]> Validate(T body) => None;
}

/// <summary>
/// The one validation seam of the JSON API, attached to every module's routes by the host. A body is null-checked and run
/// through its <see cref="IBodyValidator{T}"/> before the endpoint sees it; a 400 names the fields. It fails closed: a route
/// whose body type has no validator registered answers 500 and does nothing (and a test lists such routes before they ship).
/// The validator is found once, when the route is built, so a request pays no reflection.
/// </summary>
public static class BodyValidation
{
    public static IServiceCollection AddBodyValidator<T, TValidator>(this IServiceCollection services)
        where TValidator : class, IBodyValidator<T> => services.AddSingleton<IBodyValidator<T>, TValidator>();

    public static IServiceCollection AddBodiesWithoutShapeChecks(this IServiceCollection services, params Type[] bodies)
    {
        foreach (var body in bodies)
            services.AddSingleton(typeof(IBodyValidator<>).MakeGenericType(body), typeof(NoShapeChecks<>).MakeGenericType(body));
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
        services.GetService<IBodyValidator<T>>() is { } validator ? body => validator.Validate((T)body) : null;
}
