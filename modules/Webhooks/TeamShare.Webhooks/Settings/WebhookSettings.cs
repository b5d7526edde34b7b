using Mediator;
using Microsoft.EntityFrameworkCore;
using TeamShare.SharedKernel.Http;
using TeamShare.Webhooks.Data;

namespace TeamShare.Webhooks.Settings;

internal sealed record WebhookSettingsDto(string? Url);

/// <summary>The team's chat webhook address, null when none is set (CH-2).</summary>
internal sealed record GetWebhookSettings(Guid TeamId) : IRequest<WebhookSettingsDto>;

/// <summary>Set the address (an absolute public http(s) URL) or, with null or blank, remove it.</summary>
internal sealed record SetWebhookUrl(Guid TeamId, Guid UserId, string? Url) : IRequest<Outcome<WebhookSettingsDto>>;

internal sealed class GetWebhookSettingsHandler(WebhooksDbContext db) : IRequestHandler<GetWebhookSettings, WebhookSettingsDto>
{
    public async ValueTask<WebhookSettingsDto> Handle(GetWebhookSettings request, CancellationToken ct) =>
        new(await db.Settings.AsNoTracking().Where(s => s.TeamId == request.TeamId).Select(s => s.Url).FirstOrDefaultAsync(ct));
}

internal sealed class SetWebhookUrlHandler(WebhooksDbContext db, OutboundGuard outbound, TimeProvider clock)
    : IRequestHandler<SetWebhookUrl, Outcome<WebhookSettingsDto>>
{
    public async ValueTask<Outcome<WebhookSettingsDto>> Handle(SetWebhookUrl request, CancellationToken ct)
    {
        var row = await db.Settings.FirstOrDefaultAsync(s => s.TeamId == request.TeamId, ct);
        if (string.IsNullOrWhiteSpace(request.Url))
        {
            if (row is not null) db.Settings.Remove(row);
            await db.SaveChangesAsync(ct);
            return Outcome<WebhookSettingsDto>.Success(new WebhookSettingsDto(null));
        }
        if (request.Url.Length > 2000 || !Uri.TryCreate(request.Url.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            return Outcome<WebhookSettingsDto>.Invalid("url", "Enter the incoming-webhook address your chat system gave you (http:// or https://).");
        if (!outbound.AllowsHost(uri.Host))
            return Outcome<WebhookSettingsDto>.Invalid("url",
                "This address is in a private or local network; TeamShare posts only to public addresses unless the server operator allows that network.");
        if (row is null) db.Settings.Add(row = new WebhookSettings { TeamId = request.TeamId, Url = uri.ToString() });
        row.Url = uri.ToString();
        row.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        row.UpdatedBy = request.UserId;
        await db.SaveChangesAsync(ct);
        return Outcome<WebhookSettingsDto>.Success(new WebhookSettingsDto(row.Url));
    }
}
