using TeamShare.SharedKernel.Localization;
using System.Security.Cryptography;
using System.Text;
using Mediator;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using TeamShare.Invitations.Contracts;
using TeamShare.Invitations.Data;
using TeamShare.SharedKernel.Http;

namespace TeamShare.Invitations.External;

/// <summary>
/// Issue 11 (SH-4 strengthened): an outside recipient's link opens in a browser only after that browser proved, with a 6-digit
/// code mailed to the invited address, that it reads that address's mail; a forwarded link is useless without the code. A
/// code works for 10 minutes and 5 tries, once; at most 5 codes per link and 10 per client address an hour. The proof is a
/// cookie sealed with the data-protection keys, scoped to the link, that lasts until the access expires and ends when the
/// access is revoked (it names the invitation's version). The team's policy can switch the step off.
/// </summary>
internal sealed class RecipientCodes(InvitationsDbContext db, IMediator mediator, IDataProtectionProvider protection, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);
    public const int Tries = 5;
    public const int PerLinkPerHour = 5;
    public const int PerAddressPerHour = 10;
    private readonly IDataProtector _cookies = protection.CreateProtector("TeamShare.Invitations.RecipientVerified");

    public static string CookieName(Guid invitationId) => $"ts_x_{invitationId:N}";

    /// <summary>The proof this browser sent for an invitation's address (its cookie), if any.</summary>
    public static string? ProofOf(HttpRequest request, Guid invitationId) => request.Cookies[CookieName(invitationId)];

    /// <summary>Every address proof this browser holds (usually none or one), for a request that learns the invitation later.</summary>
    public static IReadOnlyDictionary<string, string> ProofsOf(HttpRequest request) =>
        request.Cookies.Where(c => c.Key.StartsWith("ts_x_", StringComparison.Ordinal)).ToDictionary(c => c.Key, c => c.Value);

    /// <summary>True when no code is needed (policy off) or <paramref name="proof"/> (see <see cref="ProofOf"/>) proves the address.</summary>
    public bool IsVerified(string? proof, ExternalView view)
    {
        var invitation = view.Invitation;
        if (!view.RequireCode) return true;
        if (proof is not { Length: > 0 } cookie) return false;
        try { return _cookies.Unprotect(cookie) == $"{invitation.Id:N}:{invitation.Version}"; }
        catch (CryptographicException) { return false; }
    }

    public async Task<Outcome<string>> SendAsync(Invitation invitation, string clientAddress, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var hourAgo = now.AddHours(-1);
        if (await db.RecipientCodes.CountAsync(c => c.InvitationId == invitation.Id && c.CreatedAt > hourAgo, ct) >= PerLinkPerHour
            || await db.RecipientCodes.CountAsync(c => c.ClientAddress == clientAddress && c.CreatedAt > hourAgo, ct) >= PerAddressPerHour)
            return Outcome<string>.Fail(Refused.Throttled, "Too many codes", "Too many codes were asked for. Wait an hour, then ask again.", "throttled");
        // A new code replaces any earlier one still running: only the newest mail's code works.
        await db.RecipientCodes.Where(c => c.InvitationId == invitation.Id && c.UsedAt == null && c.ExpiresAt > now)
            .ExecuteUpdateAsync(c => c.SetProperty(x => x.ExpiresAt, now), ct);
        var id = Guid.CreateVersion7();
        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6");
        db.RecipientCodes.Add(new RecipientCode
        {
            Id = id, InvitationId = invitation.Id, CodeHash = Hash(id, code), ClientAddress = clientAddress, CreatedAt = now, ExpiresAt = now + Lifetime,
        });
        await db.SaveChangesAsync(ct);
        await mediator.Send(new QueueMail(invitation.TeamId, invitation.RecipientEmail!, "recipient-code", new Dictionary<string, string>
        {
            ["code"] = code, ["minutes"] = ((int)Lifetime.TotalMinutes).ToString(), [Cultures.MailKey] = Cultures.Current,
        }, $"recipient-code:{id}", SendNow: true), ct);
        return Outcome<string>.Success(Masked(invitation.RecipientEmail!));
    }

    /// <summary>A right code earns the proof this browser keeps as a cookie; a wrong one costs one of the code's tries.</summary>
    public async Task<Outcome<RecipientProof>> VerifyAsync(Invitation invitation, string? code, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var live = await db.RecipientCodes.Where(c => c.InvitationId == invitation.Id && c.UsedAt == null && c.ExpiresAt > now)
            .FirstOrDefaultAsync(ct);
        if (live is null) return Outcome<RecipientProof>.Invalid("code", "This code has expired. Ask for a new one.");
        // Issue 27: the try is taken before the code is compared, in one conditional statement, so guesses sent in parallel
        // are checked at most Tries times between them (read, add one, save let 13 of 40 through).
        var taken = await db.RecipientCodes.Where(c => c.Id == live.Id && c.UsedAt == null && c.Attempts < Tries)
            .ExecuteUpdateAsync(c => c.SetProperty(x => x.Attempts, x => x.Attempts + 1), ct);
        if (taken == 0) return Outcome<RecipientProof>.Invalid("code", "This code was tried too often. Ask for a new one.");
        var attempts = await db.RecipientCodes.Where(c => c.Id == live.Id).Select(c => c.Attempts).FirstAsync(ct);
        var typed = new string((code ?? "").Where(char.IsAsciiDigit).ToArray());
        if (typed.Length != 6 || !CryptographicOperations.FixedTimeEquals(Hash(live.Id, typed), live.CodeHash))
            return Outcome<RecipientProof>.Invalid("code", attempts >= Tries
                ? "That code is not right, and it was tried too often. Ask for a new one."
                : $"That code is not right. {Tries - attempts} tries left.");
        // Used once: of two browsers with the right code at the same moment, one gets in.
        if (await db.RecipientCodes.Where(c => c.Id == live.Id && c.UsedAt == null).ExecuteUpdateAsync(c => c.SetProperty(x => x.UsedAt, now), ct) == 0)
            return Outcome<RecipientProof>.Invalid("code", "This code has expired. Ask for a new one.");
        return Outcome<RecipientProof>.Success(new RecipientProof(CookieName(invitation.Id), _cookies.Protect($"{invitation.Id:N}:{invitation.Version}"),
            invitation.ExternalExpiresAt));
    }

    /// <summary>Where the code went, enough to recognise the address and no more: m•••@example.com.</summary>
    public static string Masked(string email)
    {
        var at = email.IndexOf('@');
        return at <= 1 ? "•••" + email[Math.Max(0, at)..] : email[0] + "•••" + email[at..];
    }

    private static byte[] Hash(Guid codeId, string code) => SHA256.HashData(Encoding.UTF8.GetBytes($"{codeId:N}:{code}"));
}

/// <summary>What a right code earns: the cookie this browser keeps under the external link's own path.</summary>
internal sealed record RecipientProof(string CookieName, string Value, DateTime? ExpiresAt)
{
    public void AppendTo(HttpResponse response, string linkPath) =>
        response.Cookies.Append(CookieName, Value, new CookieOptions
        {
            Path = linkPath, HttpOnly = true, Secure = response.HttpContext.Request.IsHttps, SameSite = SameSiteMode.Lax, Expires = ExpiresAt,
        });
}
