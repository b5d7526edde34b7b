using Mediator;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using TeamShare.SharedKernel.Http;
using TeamShare.SharedKernel.Localization;
using TeamShare.SharedKernel.Modules;
using TeamShare.SharedKernel.Security;
using TeamShare.SharedKernel.WebDav;
using TeamShare.Spaces.Access;
using TeamShare.Spaces.Blobs;
using TeamShare.Spaces.Contracts;
using TeamShare.Spaces.Data;
using TeamShare.Spaces.Items;
using TeamShare.Spaces.Versions;

namespace TeamShare.Spaces.WebDav;

/// <summary>
/// Member WebDAV on /dav/{space's folder}/… and /dav/spaces/{spaceId}/… (RFC 4918 class 1 and 2). Each method lives in its own file; every one resolves
/// the path, asks SP-8 for the role, and answers 404 for what the member may not see, exactly as for what does not exist.
/// Writes use the same name rules, upload limit, versions (SP-5) and trash (SP-6) as the API.
/// </summary>
internal sealed partial class SpaceDav(
    SpacesDbContext db, DavTree tree, DavLocks locks, DavDeadProperties deadProperties, EffectiveRoles roles, ItemWriter writer,
    IMediator mediator, Versioning versioning, IBlobStore blobs, ContentIntake intake, IOptions<TeamShareOptions> options, TimeProvider clock)
{
    private sealed record Call(HttpContext Http, Guid UserId, Guid TeamId, DavNode Node, IfHeader? If, IReadOnlySet<string> Tokens)
    {
        public HttpRequest Request => Http.Request;
        public CancellationToken Ct => Http.RequestAborted;
    }

    public Task HandleAsync(HttpContext http, Guid spaceId, string? path) =>
        HandleAsync(http, (userId, teamId, ct) => tree.ResolveAsync(userId, teamId, spaceId, DavRequest.Segments(path), ct));

    public Task HandleInDriveAsync(HttpContext http, string folder, string? path) =>
        HandleAsync(http, (userId, teamId, ct) => tree.ResolveInDriveAsync(userId, teamId, Cultures.OfAccount(http.User), folder, DavRequest.Segments(path), ct));

    private async Task HandleAsync(HttpContext http, Func<Guid, Guid, CancellationToken, Task<DavNode?>> resolve)
    {
        var ct = http.RequestAborted;
        var method = http.Request.Method.ToUpperInvariant();
        if (method == "OPTIONS")
        {
            DavRequest.Options(http.Response, locking: true, DavRequest.Methods);
            return;
        }
        var (userId, teamId) = (http.User.GetUserId(), http.User.GetTeamId());
        var node = await resolve(userId, teamId, ct);
        if (node is null || node.Role == AccessRole.None)
        {
            await Answer(http, Problems.NotFound());
            return;
        }
        IfHeader? condition;
        try { condition = IfHeader.Parse(http.Request.Headers["If"]); }
        catch (FormatException e)
        {
            await Answer(http, Problems.Field("If", e.Message));
            return;
        }
        var call = new Call(http, userId, teamId, node, condition, condition?.SubmittedTokens.ToHashSet() ?? []);
        if (condition is not null && !await IfHoldsAsync(call))
        {
            await Answer(http, Problems.Status(412, "Precondition failed", "The If header's conditions do not hold.", "if_failed"));
            return;
        }
        await (method switch
        {
            "GET" or "HEAD" => GetAsync(call),
            "PROPFIND" => PropFindAsync(call),
            "PROPPATCH" => PropPatchAsync(call),
            "PUT" => PutAsync(call),
            "MKCOL" => MkColAsync(call),
            "DELETE" => DeleteAsync(call),
            "COPY" => CopyMoveAsync(call, move: false),
            "MOVE" => CopyMoveAsync(call, move: true),
            "LOCK" => LockAsync(call),
            "UNLOCK" => UnlockAsync(call),
            _ => Answer(http, Problems.Status(405, "Method not allowed", $"Use one of {DavRequest.Methods}.")),
        });
    }

    /// <summary>
    /// RFC 4918 §10.4: some list must hold. A state token holds when it is a live lock covering that resource, an entity
    /// tag when it is the resource's; a list tagged with another resource of ours is judged on that resource.
    /// </summary>
    private async Task<bool> IfHoldsAsync(Call c)
    {
        foreach (var list in c.If!.Lists)
        {
            var node = list.Resource is null ? c.Node : await tree.ResolvePathAsync(c.UserId, c.TeamId, Cultures.OfAccount(c.Http.User), list.Resource, c.Ct);
            var item = node is { Role: > AccessRole.None } ? node.Item : null;
            var tokens = item is null ? [] : (await locks.CoveringAsync(item, c.Ct)).Select(DavLocks.TokenOf).ToHashSet();
            var etag = item is null ? null : ETagOf(item);
            if (list.Conditions.All(k => (k.Token is not null ? tokens.Contains(k.Token) : etag is not null && k.ETag == etag) != k.Not))
                return true;
        }
        return false;
    }

    /// <summary>
    /// A file's entity tag is the first 128 bits of its SHA-256 (still unique in practice): clients copy it into If headers,
    /// and some (neon, behind litmus and cadaver) cut long If headers short. A folder's comes from its id and change time.
    /// </summary>
    public static string ETagOf(Item item) => $"\"{ETagValue(item)}\"";

    private static string ETagValue(Item item) => item.ContentSha256 is { } sha ? sha[..32] : $"{item.Id:N}-{item.ModifiedAt.Ticks:x}";

    private static DavEntry EntryOf(Item item, string href, string name) =>
        new(href, item.Kind == ItemKinds.Folder, name, item.Size, item.ContentType, ETagOf(item), item.ModifiedAt, item.CreatedAt);

    private static Task Answer(HttpContext http, IResult result) => result.ExecuteAsync(http);

    private static Task Status(HttpContext http, int status)
    {
        http.Response.StatusCode = status;
        return Task.CompletedTask;
    }

    private static Task Locked(HttpContext http) =>
        Answer(http, Problems.Status(423, "Locked", "It is locked; send the lock's token in the If header.", "locked"));

    private static Task NoParent(HttpContext http) =>
        Answer(http, Problems.Status(409, "Conflict", "The folder to hold it does not exist.", "no_parent"));

    private static Task ReadOnly(HttpContext http) =>
        Answer(http, Problems.Status(403, "Not allowed", "You can view this but not change it.", "role_too_low"));

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}

internal static class SpaceDavEndpoints
{
    public static Task Handle(Guid spaceId, string? path, HttpContext http, SpaceDav dav) => dav.HandleAsync(http, spaceId, path);

    public static Task HandleInDrive(string folder, string? path, HttpContext http, SpaceDav dav) => dav.HandleInDriveAsync(http, folder, path);
}
