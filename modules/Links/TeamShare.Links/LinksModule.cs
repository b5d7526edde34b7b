using TeamShare.Links.Notices;
using TeamShare.Links.Tracking;
using TeamShare.SharedKernel.Publishing;
using TeamShare.SharedKernel.Http;
using Mediator;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TeamShare.Links.Contracts;
using TeamShare.Links.Create;
using TeamShare.Links.Data;
using TeamShare.Links.Jobs;
using TeamShare.Links.MyShares;
using TeamShare.Links.Opening;
using TeamShare.Links.QrCodes;
using TeamShare.Links.Settings;
using TeamShare.SharedKernel.Channels;
using TeamShare.SharedKernel.Data;
using TeamShare.SharedKernel.Jobs;
using TeamShare.SharedKernel.Modules;
using TeamShare.SharedKernel.Security;

namespace TeamShare.Links;

/// <summary>Link sharing: share links and QR codes, My Shares, the recipient page. Registered as the "links" channel.</summary>
public sealed class LinksModule : ITeamShareModule
{
    public string Name => LinksDbContext.Module;

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidator<CreateLink, CreateLinkRequestValidator>();
        services.AddValidator<NoticeDefaultDto, NoticeDefaultValidator>();
        services.AddValidator<SetNotifications, SetNotificationsValidator>();
        services.AddValidator<MyShares.ListMyShares, MyShares.ListMySharesValidator>();
        // A change is checked merged with the stored link, a password against the link, settings against the team: all in handlers.
        services.AddBodiesWithoutShapeChecks(typeof(CreateLinkBody), typeof(ModifyShareRequest), typeof(LinkSettingsRequest), typeof(UnlockRequest),
            typeof(NotificationsDto));
        services.AddModuleDbContext<LinksDbContext, LinksPostgresDbContext>(configuration, LinksDbContext.Module, watched: true);
        services.TryAddSingleton<PasswordHashing>();
        services.AddSingleton<QrCodeSeal>();
        services.TryAddSingleton<DomainVerifier>();
        services.AddSingleton<UnlockCookies>();
        services.AddSingleton<CountedTickets>();
        services.AddBestEffort<LinkUsed>(batch => new LinksUsed(batch));
        services.AddScoped<LinkGate>();
        services.AddSingleton<LinkFactsCache>();
        services.AddSingleton<CountedOpens>();
        services.AddSingleton<RecipientPageCache>();
        services.AddOutputCache();
        services.AddOptions<Microsoft.AspNetCore.OutputCaching.OutputCacheOptions>().Configure<RecipientPageCache>((o, pages) =>
        {
            o.AddPolicy(RecipientPageCache.Policy, pages);
            // A link's token is its path, and tokens differ by case: the framework's default key upper-cases paths.
            o.UseCaseSensitivePaths = true;
            o.MaximumBodySize = 1 << 20;
            o.SizeLimit = 64L << 20;
        });
        services.AddScoped<LinkUrls>();
        services.AddSingleton<LinkTokenVault>();
        services.AddScoped<QrCodeService>();
        services.AddScoped<PasswordThrottle>();
        services.AddScoped<WebDav.LinkDavPasswords>();
        services.AddScoped<WebDav.LinkDav>();
        services.AddScoped<MySharesQuery>();
        services.AddRecurringJob<LinkExpirySweep>("links-expiry-sweep", "*/5 * * * *");
        services.AddRecurringJob<LinkEventRetentionSweep>("links-event-retention", "17 3 * * *");
        services.AddRecurringJob<SharerNoticeSweep>("links-sharer-notices", "* * * * *");
        services.AddSingleton<NoticeLinks>();
        services.AddNotificationRelay<LinksDbContext>(LinksDbContext.Module, typeof(LinkCreated), typeof(LinkModified), typeof(LinkCanceled));
        services.AddSharingChannel(new SharingChannel(CreateLink.Channel, "Share links", "AD-3 links outside the team",
            ShareableKinds.FilesAndFolders, IsActive: true));
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/shares").WithTags("Share links");
        api.MapPost("", async (CreateLinkBody body, ClaimsPrincipal user, HttpRequest request, IMediator mediator, CancellationToken ct) =>
            (await mediator.Send(new CreateLink(user.GetUserId(), user.GetTeamId(), body), ct))
                .ToHttp(s => TypedResults.Created($"/api/shares/{s.Id}", s))).WithSummary("Create a share link (and its first QR code) for items of one space.");
        api.MapGet("", MySharesEndpoints.List).WithSummary("My Shares: ?name=&createdFrom=&createdTo=&status=&cursor=&pageSize=&itemId=.");
        api.MapGet("/people", MySharesEndpoints.People)
            .WithSummary("My Shares with people and outside addresses: ?name=&createdFrom=&createdTo=&status=&cursor=&pageSize=.");
        api.MapGet("/{id:guid}", MySharesEndpoints.Get).WithSummary("One of the caller's shares.");
        api.MapPatch("/{id:guid}", MySharesEndpoints.Modify).WithSummary("Change a share's options; the link stays the same.");
        api.MapDelete("/{id:guid}", MySharesEndpoints.Cancel).WithSummary("Cancel a share: its link stops working for good.");
        api.MapGet("/{id:guid}/qr.png", QrCodeEndpoints.Png).WithSummary("A QR code of the share as PNG (?qrId=).");
        api.MapPost("/{id:guid}/qr", QrCodeEndpoints.Create).WithSummary("Make a new QR code, valid for 7 days.");
        api.MapGet("/notice-default", NoticeDefaultEndpoints.Get).WithSummary("Whether the caller's new links mail them what happens to them.");
        api.MapPut("/notice-default", NoticeDefaultEndpoints.Put).WithSummary("Set that default ({notify}); each link can still differ.");
        api.MapGet("/{id:guid}/events", LinkEventsEndpoint.Handle)
            .WithSummary("The share's timeline (opens, previews, downloads, uploads), newest first: ?before=&limit=. Its sharer and the team's admins only.");

        var me = endpoints.MapGroup("/api/me").WithTags("Notifications");
        me.MapGet("/notifications", NotificationsEndpoints.Get).WithSummary("Which mails you get: {sharedWithMe, expiryReminders, linksExpired, linkNotices}.");
        me.MapPut("/notifications", NotificationsEndpoints.Put)
            .WithSummary("Turn mails on or off (all four, true or false); linkNotices is the default of your new links, each link can still differ.");

        var admin = endpoints.MapGroup("/api/admin/links").WithTags("Share links").RequireAuthorization(TeamShareClaims.AdminPolicy);
        admin.MapGet("", async (ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new GetLinkSettings(user.GetTeamId()), ct))).WithSummary("The team's custom link domain, its verification (a DNS TXT record) and the daily cap.");
        admin.MapPut("", async (LinkSettingsRequest body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            (await mediator.Send(new SaveLinkSettings(user.GetTeamId(), body), ct)).ToHttp(v => TypedResults.Ok(v))).WithSummary("Set the custom link domain and daily cap; a new domain waits for verification.");
        admin.MapPost("/verify", async (ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            (await mediator.Send(new VerifyLinkDomain(user.GetTeamId()), ct)).ToHttp(v => TypedResults.Ok(v))).WithSummary("Look up the domain's _teamshare TXT record; when it holds the team's value, links use the domain.");

        foreach (var prefix in new[] { LinkEntry.LinkPrefix, LinkEntry.QrPrefix })
        {
            var recipient = endpoints.MapGroup($"/{prefix}/{{token}}").WithTags("Recipient").AllowAnonymous();
            recipient.MapPost("/unlock", UnlockEndpoint.Handle).WithSummary("Unlock a password-protected link: 204 and a link-scoped cookie.");
            recipient.MapGet("/items/{itemId:guid}/download", LinkContentEndpoints.Download).WithSummary("Download a file through a link.");
            recipient.MapGet("/items/{itemId:guid}/preview", LinkContentEndpoints.Preview).WithSummary("Preview a file through a link.");
            recipient.MapGet("/items/{itemId:guid}/pages", LinkPageEndpoints.Info)
                .WithSummary("Open a file's preview as pages: counted once (LK-2); {status, pages}; a cookie then lets this browser fetch them.");
            recipient.MapGet("/items/{itemId:guid}/pages/{page:int}", LinkPageEndpoints.Page).WithSummary("Page n as a PNG, after the preview was opened.");
            recipient.MapGet("/items/{itemId:guid}/thumbnail", LinkPageEndpoints.Thumbnail).WithSummary("A small image of an image or a document's first page.");
            recipient.MapGet("/items/{itemId:guid}/content", LinkContentEndpoints.Source).WithSummary("A file's current content for the editor of a link that allows editing.");
            recipient.MapPut("/items/{itemId:guid}/content", LinkContentEndpoints.Edit).WithSummary("Save a new version through a link that allows editing.");
            recipient.MapPost("/upload", LinkContentEndpoints.Upload).WithSummary("Upload into a shared folder (?folderId=).");
            recipient.MapGet("/archive", LinkArchiveEndpoint.Handle)
                .WithSummary("Everything the link shares as one ZIP, or ?itemIds=a&itemIds=b; counted once toward the link's limit.");
        }
        // A link as a WebDAV folder (docs/webdav.md); the link decides, and its password comes over Basic.
        endpoints.MapMethods("/dav/links/{token}/{**path}", SharedKernel.WebDav.DavRequest.All, WebDav.LinkDavEndpoints.Handle)
            .AllowAnonymous().ExcludeFromDescription();
    }
}
