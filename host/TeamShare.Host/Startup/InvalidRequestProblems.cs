using Microsoft.AspNetCore.Diagnostics;
using TeamShare.SharedKernel.Validation;

namespace TeamShare.Host.Startup;

/// <summary>
/// A request refused by its validator whose answer cannot say so itself (a list, a page's data): 400 naming the fields,
/// as JSON for scripts and as a page for browsers, the same as a body refused at the edge.
/// </summary>
internal sealed class InvalidRequestProblems(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        if (exception is not InvalidRequestException invalid) return false;
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new Microsoft.AspNetCore.Http.HttpValidationProblemDetails(invalid.Errors.ToDictionary())
            {
                Status = StatusCodes.Status400BadRequest, Title = "One or more validation errors occurred.",
            },
        });
    }
}
