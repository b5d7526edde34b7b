using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using TeamShare.Links.Data;
using TeamShare.SharedKernel.Http;
using TeamShare.SharedKernel.Security;

namespace TeamShare.Links.Settings;

internal sealed record LinkSettingsDto(string? CustomDomain, int DailyCap);

/// <summary>LK-9/LK-10: an admin sets a custom domain for links and QR codes; with one, the daily cap may go above 500.</summary>
internal static class LinkSettingsEndpoints
{
    public static async Task<IResult> Get(ClaimsPrincipal user, LinksDbContext db, CancellationToken ct)
    {
        var teamId = user.GetTeamId();
        var row = await db.TeamSettings.AsNoTracking().FirstOrDefaultAsync(t => t.TeamId == teamId, ct);
        return TypedResults.Ok(new LinkSettingsDto(row?.CustomDomain, row?.CustomDomain is { Length: > 0 } ? row.DailyCap : LinkLimits.DefaultDailyCap));
    }

    public static async Task<IResult> Put(LinkSettingsDto body, ClaimsPrincipal user, LinksDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var domain = body.CustomDomain?.Trim().TrimEnd('.').ToLowerInvariant();
        if (domain is { Length: > 0 } && (domain.Length > 255 || Uri.CheckHostName(domain) != UriHostNameType.Dns || !domain.Contains('.')))
            return Problems.Field("customDomain", "Enter a host name like files.example.com (no https://, no path).");
        var hasDomain = domain is { Length: > 0 };
        if (!hasDomain && body.DailyCap != LinkLimits.DefaultDailyCap)
            return Problems.Field("dailyCap", $"Without a custom domain the limit is {LinkLimits.DefaultDailyCap} shares a day.");
        if (body.DailyCap is < 1 or > LinkLimits.MaxDailyCapWithDomain)
            return Problems.Field("dailyCap", $"Enter 1 to {LinkLimits.MaxDailyCapWithDomain:N0}.");
        var teamId = user.GetTeamId();
        var row = await db.TeamSettings.FirstOrDefaultAsync(t => t.TeamId == teamId, ct);
        if (row is null) db.TeamSettings.Add(row = new TeamLinkSettings { TeamId = teamId });
        row.CustomDomain = hasDomain ? domain : null;
        row.DailyCap = body.DailyCap;
        row.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new LinkSettingsDto(row.CustomDomain, row.DailyCap));
    }
}
