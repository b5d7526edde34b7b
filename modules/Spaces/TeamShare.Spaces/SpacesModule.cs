using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TeamShare.SharedKernel.Data;
using TeamShare.SharedKernel.Jobs;
using TeamShare.SharedKernel.Modules;
using TeamShare.Spaces.Access;
using TeamShare.Spaces.Blobs;
using TeamShare.Spaces.Data;
using TeamShare.Spaces.Download;
using TeamShare.Spaces.Items;
using TeamShare.Spaces.Seeding;
using TeamShare.Spaces.Trash;
using TeamShare.Spaces.Upload;

namespace TeamShare.Spaces;

/// <summary>Spaces and files: personal and team spaces, folders, the blob store, and the effective role (SP-8).</summary>
public sealed class SpacesModule : ITeamShareModule
{
    public string Name => SpacesDbContext.Module;

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<SpacesDbContext>(SpacesDbContext.Module);
        services.AddSingleton<IBlobStore, FileSystemBlobStore>();
        services.AddScoped<EffectiveRoles>();
        services.AddScoped<PersonalSpaces>();
        services.AddScoped<FolderLookup>();
        services.AddScoped<VisibleSpaces>();
        services.AddScoped<ItemWriter>();
        services.AddScoped<IDemoSeeder, SpacesDemoSeeder>();
        services.AddRecurringJob<TrashPurgeJob>("spaces-trash-purge", "15 3 * * *");
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api").WithTags("Spaces and files");
        api.MapGet("/spaces", ListSpacesEndpoint.Handle).WithSummary("The caller's spaces: personal first, then team spaces.");
        api.MapGet("/spaces/{spaceId:guid}/items", ListItemsEndpoint.Handle).WithSummary("A folder's children.");
        api.MapPost("/spaces/{spaceId:guid}/folders", CreateFolderEndpoint.Handle).WithSummary("Create a folder.");
        api.MapPost("/spaces/{spaceId:guid}/files", UploadFileEndpoint.Handle)
            .WithSummary("Upload a file (multipart field \"file\"), streamed.");
        api.MapGet("/items/{id:guid}", GetItemEndpoint.Handle).WithSummary("An item with the caller's effective role.");
        api.MapGet("/items/{id:guid}/content", DownloadContentEndpoint.Handle).WithSummary("The file's bytes (Range, ETag).");
        api.MapDelete("/items/{id:guid}", TrashEndpoints.Delete).WithSummary("Move an item and its subtree to the trash.");
        api.MapPost("/items/{id:guid}/restore", TrashEndpoints.Restore).WithSummary("Restore an item from the trash.");
    }
}
