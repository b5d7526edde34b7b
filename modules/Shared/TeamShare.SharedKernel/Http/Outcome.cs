using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace TeamShare.SharedKernel.Http;

/// <summary>
/// Why a use case said no, in its own terms. What each means over HTTP is decided in one place, <see cref="Outcome{T}.ToHttp"/>
/// (<see cref="RefusalStatus.Of"/>), for the JSON endpoints, the pages and WebDAV alike.
/// </summary>
public enum Refused
{
    /// <summary>Not refused: the outcome carries its value.</summary>
    None,
    /// <summary>The request is malformed or breaks a rule (400), naming the fields where it can.</summary>
    Invalid,
    /// <summary>Not allowed to this caller, or by the team's policy (403), with a reason a client can act on.</summary>
    Forbidden,
    /// <summary>Nothing there, or nothing the caller may see (404): the two are never told apart.</summary>
    NotFound,
    /// <summary>It collides with how things are: a name taken, changed meanwhile, already done (409).</summary>
    Conflict,
    /// <summary>It was there and is no more: access taken back, expired, deleted (410).</summary>
    Gone,
    /// <summary>More bytes than a limit allows (413).</summary>
    TooLarge,
    /// <summary>Well formed but cannot be acted on yet (422): a DNS record not found, a directory that does not answer.</summary>
    Unprocessable,
    /// <summary>Too many attempts or too much at once (429).</summary>
    Throttled,
    /// <summary>No room left in the team's storage quota (507, as WebDAV clients know it).</summary>
    StorageFull,
}

/// <summary>
/// What a command answers, for both its JSON endpoint and its page: a value, or a refusal (<see cref="Refused"/>) with a
/// problem that names the field. Keeps one implementation of each rule behind the two ways in.
/// </summary>
/// <param name="Extensions">More members of the problem a client can act on (the refused address, say).</param>
public sealed record Outcome<T>(T? Value, Refused Refusal, string? Title = null, string? Detail = null,
    IReadOnlyDictionary<string, string[]>? Errors = null, string? Reason = null, IReadOnlyDictionary<string, object?>? Extensions = null)
{
    public bool Ok => Refusal == Refused.None;

    /// <summary>The first message to show a person: a field error if there is one, else the detail.</summary>
    public string? Message => Errors?.Values.SelectMany(v => v).FirstOrDefault() ?? Detail ?? Title;

    public static Outcome<T> Success(T value) => new(value, Refused.None);

    /// <summary>One field is wrong: <see cref="Refused.Invalid"/>, or <see cref="Refused.Conflict"/> / <see cref="Refused.Unprocessable"/> when that is why.</summary>
    public static Outcome<T> Invalid(string field, string message, Refused refusal = Refused.Invalid) =>
        new(default, refusal, refusal == Refused.Conflict ? "Conflict" : "One or more validation errors occurred.", null,
            new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>The field is right but clashes with how things are (a name taken): <see cref="Refused.Conflict"/>.</summary>
    public static Outcome<T> Conflict(string field, string message) => Invalid(field, message, Refused.Conflict);

    /// <summary>Every field a validator found wrong.</summary>
    public static Outcome<T> Invalid(IReadOnlyDictionary<string, string[]> errors) =>
        new(default, Refused.Invalid, "One or more validation errors occurred.", null, errors);

    public static Outcome<T> NotFound() => new(default, Refused.NotFound, "Not found", "There is nothing here, or you may not see it.");

    public static Outcome<T> Forbidden(string detail, string reason) => new(default, Refused.Forbidden, "Not allowed", detail, Reason: reason);

    public static Outcome<T> Fail(Refused refusal, string title, string detail, string reason) => new(default, refusal, title, detail, Reason: reason);

    public Outcome<TOther> As<TOther>() => new(default, Refusal, Title, Detail, Errors, Reason, Extensions);

    /// <summary>
    /// The HTTP answer: <paramref name="ok"/> for success, an RFC 7807 <see cref="Refusal"/> otherwise. Typed, so an endpoint that
    /// declares <c>Results&lt;Ok&lt;T&gt;, Refusal&gt;</c> describes both in the OpenAPI document.
    /// </summary>
    public Results<TOk, Refusal> ToHttp<TOk>(Func<T, TOk> ok) where TOk : IResult => Ok ? ok(Value!) : AsRefusal();

    /// <summary>The refusal as RFC 7807 problem details, for an endpoint whose successes take more than one shape.</summary>
    public Refusal AsRefusal()
    {
        if (Ok) throw new InvalidOperationException("A successful outcome is not a refusal.");
        var status = RefusalStatus.Of(Refusal);
        if (Errors is not null)
            return new Refusal(TypedResults.Problem(statusCode: status, title: Title,
                extensions: new Dictionary<string, object?> { ["errors"] = Errors }));
        if (Extensions is null) return new Refusal(Problems.Status(status, Title ?? "Error", Detail ?? "", Reason));
        var extensions = new Dictionary<string, object?>(Extensions);
        if (Reason is not null) extensions["reason"] = Reason;
        return new Refusal(TypedResults.Problem(statusCode: status, title: Title, detail: Detail, extensions: extensions));
    }
}

/// <summary>The one mapping from a use case's refusal to HTTP.</summary>
public static class RefusalStatus
{
    public static int Of(Refused refusal) => refusal switch
    {
        Refused.None => StatusCodes.Status200OK,
        Refused.Invalid => StatusCodes.Status400BadRequest,
        Refused.Forbidden => StatusCodes.Status403Forbidden,
        Refused.NotFound => StatusCodes.Status404NotFound,
        Refused.Conflict => StatusCodes.Status409Conflict,
        Refused.Gone => StatusCodes.Status410Gone,
        Refused.TooLarge => StatusCodes.Status413PayloadTooLarge,
        Refused.Unprocessable => StatusCodes.Status422UnprocessableEntity,
        Refused.Throttled => StatusCodes.Status429TooManyRequests,
        Refused.StorageFull => StatusCodes.Status507InsufficientStorage,
        _ => throw new ArgumentOutOfRangeException(nameof(refusal), refusal, null),
    };
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
