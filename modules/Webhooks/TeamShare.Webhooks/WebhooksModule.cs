using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TeamShare.SharedKernel.Channels;
using TeamShare.Policy.Contracts;
using TeamShare.SharedKernel.Data;
using TeamShare.SharedKernel.Http;
using TeamShare.SharedKernel.Jobs;
using TeamShare.SharedKernel.Modules;
using TeamShare.SharedKernel.Security;
using TeamShare.Webhooks.Contracts;
using TeamShare.Webhooks.Data;
using TeamShare.Webhooks.Delivery;
using TeamShare.Webhooks.Posting;
using TeamShare.Webhooks.Settings;

namespace TeamShare.Webhooks;

/// <summary>The chat-webhook channel (CH-2): a plugin that needs no change in any other module.</summary>
public sealed class WebhooksModule : ITeamShareModule
{
    public string Name => WebhooksDbContext.Module;

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        // A chat address is checked by resolving it (no private addresses): in the handler.
        services.AddBodiesWithoutShapeChecks(typeof(WebhookSettingsDto));
        services.AddValidator<PostToChatRequest, PostToChatValidator>();
        services.AddModuleDbContext<WebhooksDbContext, WebhooksPostgresDbContext>(configuration, WebhooksDbContext.Module);
        services.TryAddSingleton<OutboundGuard>();
        // Issue 14 finding 5: the team's webhook URL is tenant input, so its requests go only where OutboundGuard allows.
        services.AddHttpClient(WebhookDeliveryJob.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(10))
            .ConfigurePrimaryHttpMessageHandler(provider => provider.GetRequiredService<OutboundGuard>().CreateHandler());
        services.AddRecurringJob<WebhookDeliveryJob>("webhooks-delivery", "* * * * *");
        services.AddNotificationRelay<WebhooksDbContext>(WebhooksDbContext.Module, typeof(SharingActivityOccurred));
        services.AddSharingChannel(new SharingChannel(WebhookChannel.Name, "Team chat (webhook)", "AD-10 channel switch",
            ShareableKinds.FilesAndFolders, IsActive: true));
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/webhook-shares").WithTags("Team chat channel");
        api.MapPost("", PostToChatEndpoint.Post).WithSummary("Post an item to the team's chat ({itemId, message}); queued, 202.");
        api.MapGet("/{id:guid}", PostToChatEndpoint.Get).WithSummary("Whether a posted notice was delivered.");
        var admin = endpoints.MapGroup("/api/admin/webhook").WithTags("Team chat channel").RequireAuthorization(TeamShareClaims.AdminPolicy);
        admin.MapGet("", async (ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new GetWebhookSettings(user.GetTeamId()), ct))).WithSummary("The team's chat webhook URL.");
        admin.MapPut("", async (WebhookSettingsDto body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            (await mediator.Send(new SetWebhookUrl(user.GetTeamId(), user.GetUserId(), body.Url), ct)).ToHttp(v => TypedResults.Ok(v)))
            .WithSummary("Set ({url}) or clear ({url: null}) the team's chat webhook URL.");
    }
}
