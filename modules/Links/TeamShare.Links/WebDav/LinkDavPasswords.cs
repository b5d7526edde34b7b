using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using TeamShare.Links.Data;
using TeamShare.Links.Opening;
using TeamShare.SharedKernel.Http;
using TeamShare.SharedKernel.Security;
using TeamShare.SharedKernel.WebDav;

namespace TeamShare.Links.WebDav;

/// <summary>
/// A password link over WebDAV: the password comes with every request in Basic (the user name is ignored; Nextcloud uses the
/// token there). Guesses go through the link-password throttle before any hashing (LK-11), exactly like the web page. A
/// verified password is remembered in this process for ten minutes as a keyed hash, so a client's hundred requests cost one
/// slow hash, not a hundred; a changed password (its version) or a restart forgets it.
/// </summary>
internal sealed class LinkDavPasswords(PasswordThrottle throttle, PasswordHashing hashing, TimeProvider clock)
{
    private static readonly TimeSpan Remembered = TimeSpan.FromMinutes(10);
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);
    private static readonly ConcurrentDictionary<string, DateTimeOffset> Verified = new();

    /// <summary>Null when the request may go on; otherwise the answer (401 with a challenge, or 429).</summary>
    public async Task<IResult?> CheckAsync(HttpContext http, Link share, bool member, CancellationToken ct)
    {
        if (share.PasswordHash is null) return null;
        if (DavRequest.Basic(http.Request) is not var (_, password) || password.Length == 0 || password.Length > 200) return Challenge(http);
        var key = $"{share.Id:N}:{share.PasswordVersion}:{Convert.ToHexString(HMACSHA256.HashData(Key, Encoding.UTF8.GetBytes(password)))}";
        var now = clock.GetUtcNow();
        if (Verified.TryGetValue(key, out var until) && until > now) return null;

        var address = ClientAddress.Of(http);
        if (await throttle.IsThrottledAsync(share.Id, address, member, ct) || await throttle.ReserveAsync(share.Id, address, member, ct) is not { } attempt)
            return Problems.Status(429, "Too many attempts", "Too many wrong passwords. Wait 15 minutes, then try again.", "throttled");
        if (!await hashing.VerifyAsync(share.PasswordHash, password, ct)) return Challenge(http);
        await throttle.SucceededAsync(attempt, ct);
        if (Verified.Count > 10_000) Verified.Clear();
        Verified[key] = now + Remembered;
        return null;
    }

    private static IResult Challenge(HttpContext http)
    {
        DavRequest.Challenge(http.Response, "TeamShare link");
        return RefusalText.Problem(LinkRefusal.PasswordRequired);
    }
}
