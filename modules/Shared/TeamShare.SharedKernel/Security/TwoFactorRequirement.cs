using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using TeamShare.SharedKernel.Http;

namespace TeamShare.SharedKernel.Security;

/// <summary>
/// Issue 29: when a team requires a second factor of a member who has none yet, only setting one up is open: the account
/// page, its API, signing out and the language switch, and for an admin the setting itself (an owner who required it before
/// setting theirs up can still take it back; an admin could as well set one up and go on). Pages send them to the account
/// page; everything else answers 403.
/// The drive (app passwords) is a device credential and is not held.
/// </summary>
public static class TwoFactorRequirement
{
    public const string SetupPage = "/account/tokens";
    private static readonly string[] Open = [SetupPage, "/api/me/totp", "/api/me/passkeys", "/signout", "/account/language", "/api/admin/team/two-factor"];

    public static IApplicationBuilder UseTwoFactorRequirement(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var path = context.Request.Path;
        if (!context.User.HasClaim(c => c.Type == TeamShareClaims.TwoFactorSetupRequired) || Open.Any(p => path.StartsWithSegments(p))
            || (path.Equals("/api/me") && HttpMethods.IsGet(context.Request.Method)))
        {
            await next();
            return;
        }
        if (HttpMethods.IsGet(context.Request.Method) && !path.StartsWithSegments("/api") && !path.StartsWithSegments("/dav"))
        {
            context.Response.Redirect($"{SetupPage}?setup=two-factor");
            return;
        }
        await Problems.Status(403, "Two-factor sign-in needed",
            "Your team requires two-factor sign-in. Set it up on your account page (or with POST /api/me/totp) to go on.", "two_factor_required")
            .ExecuteAsync(context);
    });
}
