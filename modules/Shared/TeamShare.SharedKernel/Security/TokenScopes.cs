using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using TeamShare.SharedKernel.Http;

namespace TeamShare.SharedKernel.Security;

/// <summary>
/// Issue 29: a token limited to scopes does only what they name, on every route, pages and the drive included: a team-console
/// route (the admin policy) needs <c>admin</c>; any other route needs <c>read</c> for a safe method and <c>write</c> for a change.
/// Scopes never add to a role: an admin scope on a member's token reaches nothing a member cannot. Runs after authorization,
/// so the principal is the one the route's policy chose, and an unknown caller still gets 401 first.
/// </summary>
public static class TokenScopes
{
    private static readonly HashSet<string> SafeMethods = new(StringComparer.OrdinalIgnoreCase) { "GET", "HEAD", "OPTIONS", "PROPFIND" };

    public static string Needed(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Policy == TeamShareClaims.AdminPolicy) == true ? "admin"
        : SafeMethods.Contains(context.Request.Method) ? "read" : "write";

    public static IApplicationBuilder UseTokenScopes(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        // Browser sessions and unscoped tokens carry no scope claim: they skip the route lookup.
        if (context.User.HasClaim(c => c.Type == TeamShareClaims.Scope) && Needed(context) is var scope && !context.User.HasScope(scope))
        {
            await Problems.Status(403, "Not allowed for this token",
                $"This token does not have the {scope} scope. Make one that has it on your account page or with POST /api/auth/tokens.", "scope")
                .ExecuteAsync(context);
            return;
        }
        await next();
    });
}
