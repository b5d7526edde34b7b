using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using TeamShare.SharedKernel.Http;
using TeamShare.SharedKernel.Security;
using TeamShare.Webhooks.Data;

namespace TeamShare.Webhooks.Settings;

internal sealed record WebhookSettingsDto(string? Url);

internal static class WebhookSettingsEndpoints
{
    public static async Task<IResult> Get(ClaimsPrincipal user, WebhooksDbContext db, CancellationToken ct)
    {
        var teamId = user.GetTeamId();
        var url = await db.Settings.AsNoTracking().Where(s => s.TeamId == teamId).Select(s => s.Url).FirstOrDefaultAsync(ct);
        return TypedResults.Ok(new WebhookSettingsDto(url));
    }

    /// <summary>PUT /api/admin/webhook {url}: an absolute http(s) URL, or null to remove it.</summary>
    public static async Task<IResult> Put(WebhookSettingsDto body, ClaimsPrincipal user, WebhooksDbContext db, OutboundGuard outbound, TimeProvider clock,
        CancellationToken ct)
    {
        var teamId = user.GetTeamId();
        var row = await db.Settings.FirstOrDefaultAsync(s => s.TeamId == teamId, ct);
        if (string.IsNullOrWhiteSpace(body.Url))
        {
            if (row is not null) db.Settings.Remove(row);
            await db.SaveChangesAsync(ct);
            return TypedResults.Ok(new WebhookSettingsDto(null));
        }
        if (body.Url.Length > 2000 || !Uri.TryCreate(body.Url.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            return Problems.Field("url", "Enter the incoming-webhook address your chat system gave you (http:// or https://).");
        if (!outbound.AllowsHost(uri.Host))
            return Problems.Field("url", "This address is in a private or local network; TeamShare posts only to public addresses unless the server operator allows that network.");
        if (row is null) db.Settings.Add(row = new WebhookSettings { TeamId = teamId, Url = uri.ToString() });
        row.Url = uri.ToString();
        row.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        row.UpdatedBy = user.GetUserId();
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new WebhookSettingsDto(row.Url));
    }
}
