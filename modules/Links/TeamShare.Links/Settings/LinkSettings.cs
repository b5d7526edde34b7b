using Mediator;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using TeamShare.Links.Data;
using TeamShare.SharedKernel.Http;
using TeamShare.SharedKernel.Security;

namespace TeamShare.Links.Settings;

/// <param name="DropBoxLimitBytes">The most one link may receive through uploads (issue 27); null: 1 GB.</param>
internal sealed record LinkSettingsRequest(string? CustomDomain, int DailyCap, long? DropBoxLimitBytes = null);

/// <summary>
/// The team's link settings. <paramref name="DomainStatus"/>: none, pending (the TXT record <paramref name="VerificationName"/> =
/// <paramref name="VerificationValue"/> is awaited) or verified. <paramref name="DailyCap"/> is what the admin set;
/// <paramref name="EffectiveDailyCap"/> what applies (500 until the domain is verified).
/// </summary>
internal sealed record LinkSettingsDto(string? CustomDomain, int DailyCap, int EffectiveDailyCap, string DomainStatus,
    string? VerificationName, string? VerificationValue, long DropBoxLimitBytes = LinkLimits.DefaultDropBoxBytes);

/// <summary>
/// LK-9/LK-10: an admin sets a custom domain for links and QR codes and proves the team controls it with a DNS TXT record;
/// once verified, links use it and the daily cap may go above 500. A verified domain belongs to one team: another team's
/// claim is refused, and an unproven claim blocks nobody (so no team can squat another's domain).
/// </summary>
internal static class LinkSettingsStore
{

    public static LinkSettingsDto Describe(TeamLinkSettings? row) => row is null
        ? new LinkSettingsDto(null, LinkLimits.DefaultDailyCap, LinkLimits.DefaultDailyCap, "none", null, null)
        : new LinkSettingsDto(row.CustomDomain, row.DailyCap, row.EffectiveDailyCap,
            row.CustomDomain is null ? "none" : row.DomainVerifiedAt is null ? "pending" : "verified",
            row.CustomDomain is null ? null : DomainVerifier.RecordName(row.CustomDomain),
            row.CustomDomain is null || row.DomainToken is null ? null : DomainVerifier.RecordValue(row.DomainToken),
            row.DropBoxLimitBytes ?? LinkLimits.DefaultDropBoxBytes);

    public static async Task<LinkSettingsDto> ReadAsync(LinksDbContext db, Guid teamId, CancellationToken ct) =>
        Describe(await db.TeamSettings.AsNoTracking().FirstOrDefaultAsync(t => t.TeamId == teamId, ct));

    public static async Task<Outcome<LinkSettingsDto>> SaveAsync(LinksDbContext db, Guid teamId, LinkSettingsRequest body, DateTime now, CancellationToken ct)
    {
        var domain = body.CustomDomain?.Trim().TrimEnd('.').ToLowerInvariant();
        if (domain is { Length: > 0 } && (domain.Length > 200 || Uri.CheckHostName(domain) != UriHostNameType.Dns || !domain.Contains('.')))
            return Outcome<LinkSettingsDto>.Invalid("customDomain", "Enter a host name like files.example.com (no https://, no path).");
        var hasDomain = domain is { Length: > 0 };
        if (!hasDomain && body.DailyCap != LinkLimits.DefaultDailyCap)
            return Outcome<LinkSettingsDto>.Invalid("dailyCap", $"Without a custom domain the limit is {LinkLimits.DefaultDailyCap} shares a day.");
        if (body.DailyCap is < 1 or > LinkLimits.MaxDailyCapWithDomain)
            return Outcome<LinkSettingsDto>.Invalid("dailyCap", $"Enter 1 to {LinkLimits.MaxDailyCapWithDomain:N0}.");
        if (body.DropBoxLimitBytes is < LinkLimits.Megabyte)
            return Outcome<LinkSettingsDto>.Invalid("dropBoxLimitBytes", "A link must be able to receive at least 1 MB.");
        if (hasDomain && await TakenAsync(db, teamId, domain!, ct))
            return Outcome<LinkSettingsDto>.Conflict("customDomain", DomainVerifier.TakenMessage);

        var row = await db.TeamSettings.FirstOrDefaultAsync(t => t.TeamId == teamId, ct);
        if (row is null) db.TeamSettings.Add(row = new TeamLinkSettings { TeamId = teamId });
        if (row.CustomDomain != (hasDomain ? domain : null))
        {
            // A new domain starts unproven, with a fresh token: the old proof was for another name.
            row.CustomDomain = hasDomain ? domain : null;
            row.DomainToken = hasDomain ? Tokens.New(16) : null;
            row.DomainVerifiedAt = null;
        }
        row.DailyCap = body.DailyCap;
        row.DropBoxLimitBytes = body.DropBoxLimitBytes;
        row.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        return Outcome<LinkSettingsDto>.Success(Describe(row));
    }

    public static async Task<Outcome<LinkSettingsDto>> VerifyAsync(LinksDbContext db, DomainVerifier verifier, Guid teamId, DateTime now, CancellationToken ct)
    {
        var row = await db.TeamSettings.FirstOrDefaultAsync(t => t.TeamId == teamId, ct);
        if (row is not { CustomDomain: { } domain, DomainToken: { } token })
            return Outcome<LinkSettingsDto>.Invalid("customDomain", "Set a custom domain first.");
        if (row.DomainVerifiedAt is not null) return Outcome<LinkSettingsDto>.Success(Describe(row));
        switch (await verifier.ProveAsync(domain, token, c => TakenAsync(db, teamId, domain, c), ct))
        {
            case DomainProof.Taken: return Outcome<LinkSettingsDto>.Conflict("customDomain", DomainVerifier.TakenMessage);
            case DomainProof.NoRecord: return Outcome<LinkSettingsDto>.Invalid("customDomain", DomainVerifier.MissingRecordMessage(domain, token), Refused.Unprocessable);
        }
        row.DomainVerifiedAt = now;
        row.UpdatedAt = now;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another team proved the same domain at the same moment; the unique index let one of them through.
            return Outcome<LinkSettingsDto>.Conflict("customDomain", DomainVerifier.TakenMessage);
        }
        return Outcome<LinkSettingsDto>.Success(Describe(row));
    }

    private static Task<bool> TakenAsync(LinksDbContext db, Guid teamId, string domain, CancellationToken ct) =>
        db.TeamSettings.AnyAsync(t => t.TeamId != teamId && t.CustomDomain == domain && t.DomainVerifiedAt != null, ct);
}

internal sealed record GetLinkSettings(Guid TeamId) : IRequest<LinkSettingsDto>;
internal sealed record SaveLinkSettings(Guid TeamId, LinkSettingsRequest Settings) : IRequest<Outcome<LinkSettingsDto>>;
internal sealed record VerifyLinkDomain(Guid TeamId) : IRequest<Outcome<LinkSettingsDto>>;

internal sealed class GetLinkSettingsHandler(LinksDbContext db) : IRequestHandler<GetLinkSettings, LinkSettingsDto>
{
    public async ValueTask<LinkSettingsDto> Handle(GetLinkSettings request, CancellationToken ct) => await LinkSettingsStore.ReadAsync(db, request.TeamId, ct);
}

internal sealed class SaveLinkSettingsHandler(LinksDbContext db, TimeProvider clock) : IRequestHandler<SaveLinkSettings, Outcome<LinkSettingsDto>>
{
    public async ValueTask<Outcome<LinkSettingsDto>> Handle(SaveLinkSettings request, CancellationToken ct) =>
        await LinkSettingsStore.SaveAsync(db, request.TeamId, request.Settings, clock.GetUtcNow().UtcDateTime, ct);
}

internal sealed class VerifyLinkDomainHandler(LinksDbContext db, DomainVerifier verifier, TimeProvider clock) : IRequestHandler<VerifyLinkDomain, Outcome<LinkSettingsDto>>
{
    public async ValueTask<Outcome<LinkSettingsDto>> Handle(VerifyLinkDomain request, CancellationToken ct) =>
        await LinkSettingsStore.VerifyAsync(db, verifier, request.TeamId, clock.GetUtcNow().UtcDateTime, ct);
}
