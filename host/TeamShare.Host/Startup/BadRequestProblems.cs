using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace TeamShare.Host.Startup;

/// <summary>
/// A body or parameter that cannot be read (malformed JSON, a string where a number belongs) answers 400 with the field
/// named, instead of an empty 400: minimal APIs throw BadHttpRequestException for these when ThrowOnBadRequest is on.
/// </summary>
internal sealed class BadRequestProblems(IProblemDetailsService problems, Microsoft.Extensions.Options.IOptions<TeamShare.SharedKernel.Modules.TeamShareOptions> options)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        if (exception is not BadHttpRequestException bad) return false;
        if (bad.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // A body past the server's limit (an upload too large): say so in words, not as a malformed request (issue 12).
            context.Response.StatusCode = bad.StatusCode;
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new Microsoft.AspNetCore.Mvc.ProblemDetails
                {
                    Status = bad.StatusCode, Title = "File too large",
                    Detail = $"Files can be at most {options.Value.MaxUploadBytes:N0} bytes.", Extensions = { ["reason"] = "too_large" },
                },
            });
        }
        var field = exception.InnerException is JsonException { Path: { Length: > 2 } path } ? FieldOf(path) : null;
        context.Response.StatusCode = bad.StatusCode;
        var details = new Microsoft.AspNetCore.Mvc.ProblemDetails
        {
            Status = bad.StatusCode, Title = "The request could not be read.",
            Detail = field is null ? "Send a JSON body that matches the API description at /openapi/v1.json." : $"The value of \"{field}\" has the wrong form.",
        };
        if (field is not null) details.Extensions["errors"] = new Dictionary<string, string[]> { [field] = ["This value has the wrong form."] };
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = details });
    }

    /// <summary>"$.recipients[0].id" → "recipients[0].id".</summary>
    private static string FieldOf(string path) => path.StartsWith("$.") ? path[2..] : path.TrimStart('$');
}
