using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace TeamShare.Host.Startup;

/// <summary>
/// Issue 23: faults of the server's own stores get answers that say what happened instead of a generic 500: a full disk is
/// 507 (nothing was kept: uploads write to a temporary file first), a database that does not answer is 503 with a hint to
/// try again. The problem body carries the trace id, like every other.
/// </summary>
internal sealed class UnavailableProblems(IProblemDetailsService problems, ILogger<UnavailableProblems> log) : IExceptionHandler
{
    // ENOSPC and EDQUOT on Linux (what .NET puts in HResult there); ERROR_DISK_FULL and ERROR_HANDLE_DISK_FULL on Windows.
    private static readonly int[] DiskFull = [28, 122, 0x70, 0x27];

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        var (status, title, detail, reason) = Classify(exception);
        if (status == 0) return false;
        log.LogError(exception, "{Title}", title);
        context.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context, Exception = exception,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail, Extensions = { ["reason"] = reason } },
        });
    }

    private static (int Status, string Title, string Detail, string Reason) Classify(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is IOException io && DiskFull.Contains(io.HResult & 0xFFFF) || e is SqliteException { SqliteErrorCode: 13 })
                return (StatusCodes.Status507InsufficientStorage, "Storage full",
                    "The server has no room left to store this; nothing was kept. Tell the server's operator.", "storage_full");
            if (e is NpgsqlException { IsTransient: true } or TimeoutException && e is not PostgresException)
                return (StatusCodes.Status503ServiceUnavailable, "Database unavailable",
                    "The server cannot reach its database just now; nothing was changed. Try again in a moment.", "database_unavailable");
        }
        return default;
    }
}
