using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http;
using TeamShare.SharedKernel.Http;
using TeamShare.SharedKernel.Security;

namespace TeamShare.Links.Opening;

internal sealed record UnlockRequest(string? Password);

internal static class UnlockEndpoint
{
    /// <summary>
    /// POST /s/{token}/unlock {password}: the throttle is asked before any hashing; a right password earns a cookie scoped to
    /// this link's path, so later requests do not hash again (LK-11).
    /// </summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> Handle(string token, UnlockRequest body, HttpContext http, LinkGate gate, PasswordThrottle throttle,
        PasswordHashing hashing, UnlockCookies cookies, CancellationToken ct)
    {
        var entry = LinkRoutes.EntryOf(http, token);
        RecipientHeaders.Apply(http.Response);
        var (link, refusal) = await gate.OpenAsync(entry, http, ct, checkPassword: false);
        if (link is null) return RefusalText.Problem(refusal);
        var share = link.Link;
        if (share.PasswordHash is null) return TypedResults.NoContent();

        var address = ClientAddress.Of(http);
        if (await throttle.IsThrottledAsync(share.Id, address, link.VisitorIsMember, ct))
            return Problems.Status(429, "Too many attempts", "Too many wrong passwords. Wait 15 minutes, then try again.", "throttled");
        if (await throttle.ReserveAsync(share.Id, address, link.VisitorIsMember, ct) is not { } attempt)
            return Problems.Status(429, "Too many attempts", "Too many wrong passwords. Wait 15 minutes, then try again.", "throttled");
        if (string.IsNullOrEmpty(body.Password) || !await hashing.VerifyAsync(share.PasswordHash, body.Password, ct))
            return Problems.Status(401, "Wrong password", "That password is not right. Passwords are case-sensitive.", "password_wrong");
        await throttle.SucceededAsync(attempt, ct);
        http.Response.Cookies.Append(UnlockCookies.NameFor(share.Id), cookies.Issue(share.Id, share.PasswordVersion), new CookieOptions
        {
            Path = entry.Path, HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = http.Request.IsHttps,
            MaxAge = UnlockCookies.Lifetime,
        });
        return TypedResults.NoContent();
    }
}
