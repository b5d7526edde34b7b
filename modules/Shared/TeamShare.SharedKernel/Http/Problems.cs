using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace TeamShare.SharedKernel.Http;

/// <summary>RFC 7807 answers used by every module, so errors look the same everywhere.</summary>
public static class Problems
{
    public static ValidationProblem Field(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    public static ProblemHttpResult NotFound() =>
        TypedResults.Problem(statusCode: 404, title: "Not found", detail: "There is nothing here, or you may not see it.");

    public static ProblemHttpResult Status(int status, string title, string detail, string? reason = null)
    {
        var extensions = reason is null ? null : new Dictionary<string, object?> { ["reason"] = reason };
        return TypedResults.Problem(statusCode: status, title: title, detail: detail, extensions: extensions);
    }
}
