using Microsoft.AspNetCore.Http.HttpResults;
using Mediator;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TeamShare.SharedKernel.Caching;
using TeamShare.SharedKernel.Data;
using TeamShare.SharedKernel.Http;
using TeamShare.SharedKernel.Jobs;
using TeamShare.SharedKernel.Modules;
using TeamShare.SharedKernel.Observability;
using TeamShare.SharedKernel.Security;
using TeamShare.Spaces.Access;
using TeamShare.Spaces.Admin;
using TeamShare.Spaces.Preview;
using TeamShare.Spaces.Rendering;
using TeamShare.Spaces.Grants;
using TeamShare.Spaces.Versions;
using TeamShare.Spaces.Blobs;
using TeamShare.Spaces.Contracts;
using TeamShare.Spaces.Data;
using TeamShare.Spaces.Download;
using TeamShare.Spaces.Items;
using TeamShare.Spaces.Search;
using TeamShare.Spaces.Storage;
using TeamShare.Spaces.Seeding;
using TeamShare.Spaces.Recent;
using TeamShare.Spaces.Starred;
using TeamShare.Spaces.Trash;
using TeamShare.Spaces.Upload;
using TeamShare.Spaces.WebDav;
using TeamShare.SharedKernel.WebDav;

namespace TeamShare.Spaces;

/// <summary>Spaces and files: personal and team spaces, folders, the blob store, and the effective role (SP-8).</summary>
public sealed class SpacesModule : ITeamShareModule
{
    public string Name => SpacesDbContext.Module;

    public IEnumerable<string> CheckSettings(IConfiguration configuration)
    {
        List<string> problems = [];
        if (Settings.Bind<PreviewOptions>(configuration, PreviewOptions.Section, problems) is not { } previews) return problems;
        const string key = PreviewOptions.Section;
        Settings.AtLeast(problems, $"{key}:Concurrency", previews.Concurrency, 1);
        Settings.AtLeast(problems, $"{key}:TimeLimitSeconds", previews.TimeLimitSeconds, 1);
        Settings.AtLeast(problems, $"{key}:MemoryMegabytes", previews.MemoryMegabytes, 256);
        Settings.AtLeast(problems, $"{key}:MaxPages", previews.MaxPages, 1);
        Settings.AtLeast(problems, $"{key}:PageLongSide", previews.PageLongSide, 200);
        Settings.AtLeast(problems, $"{key}:CacheMegabytes", previews.CacheMegabytes, 0);
        return problems;
    }

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidator<CreateFolderRequest, CreateFolderValidator>();
        services.AddValidator<ListFolderPage, ListFolderPageValidator>();
        services.AddValidator<ListSharedWithMe, ListSharedWithMeValidator>();
        services.AddValidator<ArchiveForMember, ArchiveForMemberValidator>();
        services.AddValidator<UpdateItemRequest, UpdateItemValidator>();
        // Where the folder is and who may add to it is all these bodies say, and the quota one number; the handlers check them.
        services.AddBodiesWithoutShapeChecks(typeof(ArchiveRequest), typeof(CopyItemRequest), typeof(Admin.CreateTeamSpaceRequest), typeof(Admin.SpaceAccessRequest),
            typeof(SetStorageQuotaRequest));
        services.AddModuleDbContext<SpacesDbContext, SpacesPostgresDbContext>(configuration, SpacesDbContext.Module, watched: true);
        // Issue 26.3: the bucket when TeamShare:Blobs:Provider is s3, else the blob directory; the host prepares and asks it.
        if (configuration.GetValue<string>($"{TeamShareOptions.Section}:Blobs:Provider") is { } provider
            && string.Equals(provider, BlobOptions.S3Provider, StringComparison.OrdinalIgnoreCase))
            services.AddSingleton<IBlobStore, S3BlobStore>();
        else services.AddSingleton<IBlobStore, FileSystemBlobStore>();
        services.AddSingleton<IContentStore>(sp => sp.GetRequiredService<IBlobStore>());
        services.AddScoped<ContentIntake>();
        services.AddSingleton<IGaugeSource, BlobGauges>();
        services.AddScoped<StorageQuota>();
        services.AddHostedService<AbandonedUploadSweep>();
        services.AddHostedService<SortKeyBackfill>();
        services.AddScoped<EffectiveRoles>();
        services.AddSingleton(sp => new ChangeFeedCache<(Guid User, Guid Team, Guid Item), ItemAccess>(sp.GetRequiredService<ChangeFeed>(), a => a.Item.TeamId));
        services.AddSingleton<KeptItems>();
        services.AddScoped<PersonalSpaces>();
        services.AddScoped<FolderLookup>();
        services.AddScoped<VisibleSpaces>();
        services.AddScoped<Search.ItemPlaces>();
        services.AddScoped<Versioning>();
        services.AddScoped<TrashPurger>();
        services.AddScoped<ApplyGrantsHandler>();
        services.AddScoped<ItemWriter>();
        services.AddScoped<DavTree>();
        services.AddScoped<DavLocks>();
        services.AddScoped<DavDeadProperties>();
        services.AddScoped<SpaceDav>();
        services.AddScoped<IDemoSeeder, SpacesDemoSeeder>();
        services.AddRecurringJob<TrashPurgeJob>("spaces-trash-purge", "15 3 * * *");
        services.AddRecurringJob<BlobCollectJob>("spaces-blob-collect", "45 * * * *");
        // Issue 25: document pages rendered off the request path, in a cache beside the blobs.
        services.AddOptions<PreviewOptions>().BindConfiguration(PreviewOptions.Section);
        services.AddSingleton<RenderTools>();
        services.AddSingleton<RenderCache>();
        services.AddSingleton<Renderer>();
        services.AddSingleton<RenderQueue>();
        services.AddHostedService(sp => sp.GetRequiredService<RenderQueue>());
        services.AddSingleton<PageRenders>();
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
        api.MapGet("/items/{id:guid}/content", MemberFileEndpoints.Download).WithSummary("The file's bytes (Range, ETag).");
        api.MapGet("/items/{id:guid}/archive", MemberArchiveEndpoints.Folder)
            .WithSummary("A folder as one ZIP, streamed: everything in it that is not in the trash (a file alone, zipped).");
        api.MapPost("/archive", MemberArchiveEndpoints.Selection).WithSummary("Several items as one ZIP ({itemIds}: 1 to 1000), streamed.");
        api.MapDelete("/items/{id:guid}", TrashEndpoints.Delete).WithSummary("Move an item and its subtree to the trash.");
        api.MapPost("/items/{id:guid}/restore", TrashEndpoints.Restore).WithSummary("Restore an item from the trash.");
        api.MapPut("/items/{id:guid}/content", VersionEndpoints.Replace).WithSummary("Replace a file's content with the body: a new version.");
        api.MapGet("/items/{id:guid}/preview", MemberFileEndpoints.Preview).WithSummary("Show a file inline (images, PDF, text, Markdown).");
        api.MapGet("/items/{id:guid}/pages", MemberPageEndpoints.Info)
            .WithSummary("A file's pages as images: {status: ready|rendering|failed|unsupported, pages}. Asking starts the render.");
        api.MapGet("/items/{id:guid}/pages/{page:int}", MemberPageEndpoints.Page)
            .WithSummary("Page n (from 1) as a PNG; 503 with Retry-After while rendering.");
        api.MapGet("/items/{id:guid}/thumbnail", MemberPageEndpoints.Thumbnail).WithSummary("A small image (at most 256 px) of an image or a document's first page.");
        api.MapGet("/items/{id:guid}/versions", VersionEndpoints.List).WithSummary("A file's versions, newest first.");
        api.MapPost("/items/{id:guid}/versions/{number:int}/restore", VersionEndpoints.Restore).WithSummary("Make an earlier version current again.");
        api.MapPatch("/items/{id:guid}", MoveItemEndpoint.Handle).WithSummary("Rename ({name}) or move ({parentId}) an item.");
        api.MapPost("/items/{id:guid}/copy", CopyItemEndpoint.Handle).WithSummary("Copy an item (and its subtree) into {parentId}.");
        api.MapGet("/trash", TrashEndpoints.List).WithSummary("The caller's deleted items.");
        api.MapDelete("/trash/{id:guid}", TrashEndpoints.Purge).WithSummary("Delete a trashed item for good.");
        api.MapDelete("/trash", TrashEndpoints.Empty).WithSummary("Empty the trash: delete for good everything in it the caller owns.");
        api.MapGet("/shared-with-me", SharedWithMeEndpoint.Handle)
            .WithSummary("Items shared with the caller (SH-10), newest share first; with ?limit= a page, and a Link header to the next.");
        api.MapGet("/recent", RecentEndpoints.List).WithSummary("Files changed lately that the caller may open, newest first, at most 50.");
        api.MapGet("/starred", StarEndpoints.List).WithSummary("The items the caller starred, newest star first.");
        api.MapPut("/items/{id:guid}/star", StarEndpoints.Star).WithSummary("Star an item for the caller's Starred view.");
        api.MapDelete("/items/{id:guid}/star", StarEndpoints.Unstar).WithSummary("Take the caller's star off an item.");
        api.MapGet("/search", async (string? q, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new SearchItems(user.GetUserId(), user.GetTeamId(), q), ct)).ToHttp(hits => TypedResults.Ok(hits)))
            .WithSummary("Items whose name contains {q}, across the caller's spaces and what is shared with them; newest first, at most 50.");

        // WebDAV for members (docs/webdav.md): Basic with an app password or Bearer, never the cookie.
        var dav = endpoints.MapGroup("/dav").WithTags("WebDAV").RequireAuthorization(TeamShareClaims.WebDavPolicy).ExcludeFromDescription();
        dav.MapMethods("", DavRequest.All, DavRoot.Handle);
        dav.MapMethods("/spaces", DavRequest.All, DavRoot.Handle);
        dav.MapMethods("/spaces/{spaceId:guid}/{**path}", DavRequest.All, SpaceDavEndpoints.Handle);
        // After the literal routes ("spaces" here, "links" in the links module), which win over a parameter.
        dav.MapMethods("/{folder}/{**path}", DavRequest.All, SpaceDavEndpoints.HandleInDrive);

        var admin = endpoints.MapGroup("/api/admin/spaces").WithTags("Admin: team spaces").RequireAuthorization(TeamShareClaims.AdminPolicy);
        admin.MapGet("", async (ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new ListTeamSpaces(user.GetTeamId()), ct))).WithSummary("Team spaces with who has access.");
        admin.MapPost("", async (CreateTeamSpaceRequest body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            (await mediator.Send(new CreateTeamSpace(user.GetTeamId(), body.Name), ct)).ToHttp(s => TypedResults.Created($"/api/admin/spaces/{s.Id}", s)))
            .WithSummary("Create a team space.");
        admin.MapPost("/{id:guid}/access", async (Guid id, SpaceAccessRequest body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            (await mediator.Send(new GrantTeamSpaceAccess(user.GetTeamId(), user.GetUserId(), id, body), ct))
                .ToHttp(g => TypedResults.Created($"/api/admin/spaces/{id}/access/{g.GrantId}", g)))
            .WithSummary("Give a member, department or everyone a role in a team space.");
        admin.MapDelete("/{id:guid}/access/{grantId:guid}", async (Guid id, Guid grantId, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            await mediator.Send(new RevokeTeamSpaceAccess(user.GetTeamId(), id, grantId), ct) ? TypedResults.NoContent() : (Results<NoContent, ProblemHttpResult>)Problems.NotFound())
            .WithSummary("Take a role in a team space away.");

        var storage = endpoints.MapGroup("/api/admin/storage").WithTags("Admin: storage").RequireAuthorization(TeamShareClaims.AdminPolicy);
        storage.MapGet("", async (ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new GetTeamStorage(user.GetTeamId()), ct)))
            .WithSummary("What the team's files take, space by space, and its storage quota (issue 27).");
        storage.MapPut("", async (SetStorageQuotaRequest body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            (await mediator.Send(new SetTeamStorageQuota(user.GetTeamId(), user.GetUserId(), body.QuotaBytes), ct)).ToHttp(TypedResults.Ok))
            .WithSummary("Set the team's storage quota in bytes; null lifts it.");
    }
}
