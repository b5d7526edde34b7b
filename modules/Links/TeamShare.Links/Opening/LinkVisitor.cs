using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace TeamShare.Links.Opening;

/// <summary>
/// Who is at a link, as the gate and the open's record need it, read from the request at the edge: the signed-in member (if
/// any), the link passwords this browser proved (unlock cookies), and what the sharer's timeline may say of it. So the gate
/// and the requests that open a link carry no HttpContext (ADR 0024, rule 11).
/// </summary>
internal sealed record LinkVisitor(ClaimsPrincipal User, IReadOnlyDictionary<string, string> Unlocked, string? UserAgent, IPAddress? Address)
{
    private static readonly IReadOnlyDictionary<string, string> None = new Dictionary<string, string>();

    public static LinkVisitor Of(HttpContext http)
    {
        Dictionary<string, string>? unlocked = null;
        foreach (var (name, value) in http.Request.Cookies)
            if (name.StartsWith(UnlockCookies.Prefix, StringComparison.Ordinal)) (unlocked ??= [])[name] = value;
        return new LinkVisitor(http.User, unlocked ?? None, http.Request.Headers[HeaderNames.UserAgent].ToString(), http.Connection.RemoteIpAddress);
    }

    /// <summary>The unlock cookie this browser holds for the link, if any.</summary>
    public string? UnlockCookieFor(Guid shareId) => Unlocked.GetValueOrDefault(UnlockCookies.NameFor(shareId));
}
