using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace TeamShare.SharedKernel.Http;

/// <summary>
/// What a command answers, for both its JSON endpoint and its page: a value, or a status with a problem that names the
/// field. Keeps one implementation of each rule behind the two ways in.
/// </summary>
/// <param name="Extensions">More members of the problem a client can act on (the refused address, say).</param>
public sealed record Outcome<T>(T? Value, int Status, string? Title = null, string? Detail = null,
    IReadOnlyDictionary<string, string[]>? Errors = null, string? Reason = null, IReadOnlyDictionary<string, object?>? Extensions = null)
{
    public bool Ok => Status is >= 200 and < 300;

    /// <summary>The first message to show a person: a field error if there is one, else the detail.</summary>
    public string? Message => Errors?.Values.SelectMany(v => v).FirstOrDefault() ?? Detail ?? Title;

    public static Outcome<T> Success(T value, int status = 200) => new(value, status);

    public static Outcome<T> Invalid(string field, string message, int status = 400) =>
        new(default, status, status == 409 ? "Conflict" : "One or more validation errors occurred.", null,
            new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>400 naming every field a validator found wrong.</summary>
    public static Outcome<T> Invalid(IReadOnlyDictionary<string, string[]> errors) =>
        new(default, 400, "One or more validation errors occurred.", null, errors);

    public static Outcome<T> NotFound() => new(default, 404, "Not found", "There is nothing here, or you may not see it.");

    public static Outcome<T> Forbidden(string detail, string reason) => new(default, 403, "Not allowed", detail, Reason: reason);

    public static Outcome<T> Fail(int status, string title, string detail, string reason) => new(default, status, title, detail, Reason: reason);

    public Outcome<TOther> As<TOther>() => new(default, Status, Title, Detail, Errors, Reason, Extensions);

    /// <summary>
    /// The HTTP answer: <paramref name="ok"/> for success, an RFC 7807 <see cref="Refusal"/> otherwise. Typed, so an endpoint that
    /// declares <c>Results&lt;Ok&lt;T&gt;, Refusal&gt;</c> describes both in the OpenAPI document.
    /// </summary>
    public Results<TOk, Refusal> ToHttp<TOk>(Func<T, TOk> ok) where TOk : IResult
    {
        if (Ok) return ok(Value!);
        if (Errors is not null)
            return new Refusal(TypedResults.Problem(statusCode: Status, title: Title,
                extensions: new Dictionary<string, object?> { ["errors"] = Errors }));
        if (Extensions is null) return new Refusal(Problems.Status(Status, Title ?? "Error", Detail ?? "", Reason));
        var extensions = new Dictionary<string, object?>(Extensions);
        if (Reason is not null) extensions["reason"] = Reason;
        return new Refusal(TypedResults.Problem(statusCode: Status, title: Title, detail: Detail, extensions: extensions));
    }
}

/// <summary>
/// A refused request as RFC 7807 problem details. In the OpenAPI document it stands for the refusals every use case can give:
/// 400 naming the fields, 403 with a reason, 404 (nothing there, or nothing the caller may see), 409.
/// </summary>
public sealed class Refusal(ProblemHttpResult problem) : IResult, IStatusCodeHttpResult, IEndpointMetadataProvider
{
    public int? StatusCode => problem.StatusCode;

    public Task ExecuteAsync(HttpContext httpContext) => problem.ExecuteAsync(httpContext);

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        builder.Metadata.Add(new ProducesResponseTypeMetadata(400, typeof(HttpValidationProblemDetails), ["application/problem+json"]));
        foreach (var status in (int[])[403, 404, 409])
            builder.Metadata.Add(new ProducesResponseTypeMetadata(status, typeof(ProblemDetails), ["application/problem+json"]));
    }
}
