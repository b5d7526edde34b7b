using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace TeamShare.SharedKernel.Http;

/// <summary>RFC 7807 answers used by every module, so errors look the same everywhere.</summary>
public static class Problems
{
    public static ValidationProblem Field(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>
    /// The same 400 naming a field as <see cref="Field"/>, as a plain problem result: for routes whose other answers are
    /// problems too (files, uploads), so their signatures stay one problem type.
    /// </summary>
    public static ProblemHttpResult Invalid(string field, string message) =>
        TypedResults.Problem(statusCode: 400, title: "One or more validation errors occurred.",
            extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [field] = [message] } });

    public static ProblemHttpResult NotFound() =>
        TypedResults.Problem(statusCode: 404, title: "Not found", detail: "There is nothing here, or you may not see it.");

    public static ProblemHttpResult Status(int status, string title, string detail, string? reason = null)
    {
        var extensions = reason is null ? null : new Dictionary<string, object?> { ["reason"] = reason };
        return TypedResults.Problem(statusCode: status, title: title, detail: detail, extensions: extensions);
    }
}
