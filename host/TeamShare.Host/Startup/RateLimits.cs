using System.Text.RegularExpressions;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using TeamShare.SharedKernel.Http;
using TeamShare.SharedKernel.Modules;

namespace TeamShare.Host.Startup;

/// <summary>
/// Issue 14 finding 11 (ASVS V4): signed-out traffic is limited per visitor address (IPv6 per /64), so one visitor cannot
/// take the server from everyone else. Two buckets: every anonymous request, and, much smaller, the anonymous requests that
/// make the server hash a password (sign-in, tokens, link unlocks, password resets), counted apart. Signed-in members are not limited
/// here: their work is paid for by their sign-in. Over the limit: 429 with Retry-After, as a problem (or a page).
/// </summary>
internal static partial class RateLimits
{
    public static IServiceCollection AddAnonymousRateLimits(this IServiceCollection services, RateLimitOptions options)
    {
        services.AddRateLimiter(limiter =>
        {
            // One bucket per request (a chained limiter would take a token from the first bucket again when the second refuses).
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                !Anonymous(http) ? RateLimitPartition.GetNoLimiter("member")
                : TakesPassword(http.Request)
                    ? RateLimitPartition.GetTokenBucketLimiter("password " + ClientAddress.Of(http), _ => Bucket(options.CredentialPerMinute))
                    : RateLimitPartition.GetTokenBucketLimiter(ClientAddress.Of(http), _ => Bucket(options.AnonymousPerMinute)));
            limiter.OnRejected = async (context, ct) =>
            {
                var http = context.HttpContext;
                var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(10);
                http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                http.Response.Headers.RetryAfter = ((int)Math.Ceiling(Math.Max(1, wait.TotalSeconds))).ToString();
                // Results.Problem writes JSON when no writer takes the request's Accept (an API route asked for text/html):
                // IProblemDetailsService.WriteAsync threw there, and the refusal became a 500 (issue 27).
                await Results.Problem(new Microsoft.AspNetCore.Mvc.ProblemDetails
                {
                    Status = 429, Title = "Too many requests",
                    Detail = $"Too many requests from your address. Wait {(int)Math.Ceiling(Math.Max(1, wait.TotalSeconds))} seconds, then try again.",
                    Extensions = { ["reason"] = "rate-limited" },
                }).ExecuteAsync(http);
            };
        });
        return services;
    }

    private static bool Anonymous(HttpContext http) => http.User.Identity?.IsAuthenticated != true;

    private static bool TakesPassword(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && PasswordRoutes().IsMatch(request.Path.Value ?? "");

    [GeneratedRegex(@"^/(signin|forgot-password|reset-password|api/auth/tokens|api/auth/password-reset(/complete)?|[sq]/[^/]+/unlock)/?$", RegexOptions.IgnoreCase)]
    private static partial Regex PasswordRoutes();

    /// <summary>A full minute's requests at once, then refilled evenly: one token every 60/N seconds (in steps of at least one).</summary>
    private static TokenBucketRateLimiterOptions Bucket(int perMinute)
    {
        perMinute = Math.Max(1, perMinute);
        var perStep = (int)Math.Ceiling(perMinute / 60.0);
        return new TokenBucketRateLimiterOptions
        {
            TokenLimit = perMinute,
            TokensPerPeriod = perStep,
            ReplenishmentPeriod = TimeSpan.FromMinutes(1) * perStep / perMinute,
            QueueLimit = 0,
            AutoReplenishment = true,
        };
    }
}
