using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TeamShare.Links.CreateShare;
using TeamShare.Links.Data;
using TeamShare.Links.Jobs;
using TeamShare.Links.Opening;
using TeamShare.Links.ViewShare;
using TeamShare.SharedKernel.Channels;
using TeamShare.SharedKernel.Data;
using TeamShare.SharedKernel.Jobs;
using TeamShare.SharedKernel.Modules;

namespace TeamShare.Links;

/// <summary>Link sharing: share links, the recipient page and downloads through a link. Registered as the "links" channel.</summary>
public sealed class LinksModule : ITeamShareModule
{
    public string Name => LinksDbContext.Module;

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<LinksDbContext>(LinksDbContext.Module);
        services.AddScoped<LinkGate>();
        services.AddSingleton<LinkUrls>();
        services.AddRecurringJob<LinkExpirySweep>("links-expiry-sweep", "*/5 * * * *");
        services.AddSharingChannel(new SharingChannel(CreateShareEndpoint.Channel, "Share links", "AD-3 links outside the team",
            ShareableKinds.FilesAndFolders, IsActive: true));
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/shares").WithTags("Share links");
        api.MapPost("", CreateShareEndpoint.Handle).WithSummary("Create a share link for one or more items of one space.");
        api.MapGet("/{id:guid}", GetShareEndpoint.Handle).WithSummary("One of the caller's shares.");

        var recipient = endpoints.MapGroup("/s/{token}").WithTags("Recipient").AllowAnonymous();
        recipient.MapGet("/items/{itemId:guid}/download", LinkContentEndpoints.Download).WithSummary("Download a file through a link.");
        recipient.MapGet("/items/{itemId:guid}/preview", LinkContentEndpoints.Preview).WithSummary("Preview a file through a link.");
    }
}
