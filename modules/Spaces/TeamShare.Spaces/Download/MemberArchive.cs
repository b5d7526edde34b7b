using Microsoft.AspNetCore.Http.HttpResults;
using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using TeamShare.SharedKernel.Http;
using TeamShare.SharedKernel.Security;
using TeamShare.SharedKernel.Validation;
using TeamShare.Spaces.Access;
using TeamShare.Spaces.Blobs;
using TeamShare.Spaces.Contracts;
using TeamShare.Spaces.Data;

namespace TeamShare.Spaces.Download;

/// <summary>
/// Issue 28: items a member may open, as the entries of one ZIP: a file under its name, a folder with everything in it that is
/// not in the trash. Roles only grow downwards (SP-8), so a folder the member may open is theirs to download whole.
/// </summary>
internal sealed record ArchiveForMember(Guid UserId, Guid TeamId, IReadOnlyList<Guid> ItemIds) : IRequest<Outcome<Archive>>;

internal sealed record Archive(string FileName, IReadOnlyList<ZipEntry> Entries);

internal sealed record ArchiveRequest(IReadOnlyList<Guid>? ItemIds);

internal sealed class ArchiveForMemberValidator : IValidator<ArchiveForMember>
{
    public const int MaxItems = 1000;

    public IReadOnlyDictionary<string, string[]> Validate(ArchiveForMember request) =>
        request.ItemIds.Count is 0 or > MaxItems ? Invalid.Field("itemIds", "Choose between 1 and 1000 items.") : Invalid.None;
}

internal sealed class ArchiveForMemberHandler(SpacesDbContext db, EffectiveRoles roles, IBlobStore blobs) : IRequestHandler<ArchiveForMember, Outcome<Archive>>
{
    public async ValueTask<Outcome<Archive>> Handle(ArchiveForMember request, CancellationToken ct)
    {
        var entries = new List<ZipEntry>();
        var taken = new HashSet<string>();
        // One batched role lookup for the whole selection; what the member may not open answers like what does not exist.
        var ids = request.ItemIds.Distinct().ToList();
        var found = (await roles.ForItemsAsync(request.UserId, request.TeamId, ids, ct))
            .Where(f => f.Role > AccessRole.None && f.Item.TrashedAt is null).ToDictionary(f => f.Item.Id, f => f.Item);
        if (found.Count != ids.Count) return Outcome<Archive>.NotFound();
        var chosen = ids.Select(id => found[id]).ToList();
        foreach (var item in chosen) await AddAsync(item, entries, taken, ct);
        var name = chosen is [{ Kind: ItemKinds.Folder } one] ? one.Name : "files";
        return Outcome<Archive>.Success(new Archive($"{name}.zip", entries));
    }

    private async Task AddAsync(Item item, List<ZipEntry> entries, HashSet<string> taken, CancellationToken ct)
    {
        if (item.Kind == ItemKinds.File)
        {
            if (item.ContentSha256 is not null) entries.Add(Entry(item, ZipDownload.Unique(taken, "", item.Name)));
            return;
        }
        var paths = new Dictionary<Guid, string> { [item.Id] = ZipDownload.Unique(taken, "", item.Name) + "/" };
        entries.Add(new ZipEntry(paths[item.Id], item.ModifiedAt, null));
        // The whole subtree in one read, parents before their children.
        var below = item.ChildPath;
        var descendants = await db.Items.AsNoTracking()
            .Where(i => i.TeamId == item.TeamId && i.TrashedAt == null && i.AncestorPath.StartsWith(below))
            .OrderBy(i => i.AncestorPath.Length).ThenBy(i => i.Name).ToListAsync(ct);
        foreach (var d in descendants)
        {
            if (!paths.TryGetValue(d.ParentId!.Value, out var folder)) continue;
            if (d.Kind == ItemKinds.Folder)
            {
                paths[d.Id] = ZipDownload.Unique(taken, folder, d.Name) + "/";
                entries.Add(new ZipEntry(paths[d.Id], d.ModifiedAt, null));
            }
            else if (d.ContentSha256 is not null) entries.Add(Entry(d, ZipDownload.Unique(taken, folder, d.Name)));
        }
    }

    private ZipEntry Entry(Item file, string path) => new(path, file.ModifiedAt, OpenItemContentHandler.ContentOf(file, blobs).OpenRead);
}

/// <summary>GET /api/items/{id}/archive and POST /api/archive: the ZIP streamed; refusals as problem details.</summary>
internal static class MemberArchiveEndpoints
{
    public static async Task<Results<ZipDownload.ZipResult, Refusal>> Folder(Guid id, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new ArchiveForMember(user.GetUserId(), user.GetTeamId(), [id]), ct)).ToHttp(a => ZipDownload.Of(a.FileName, a.Entries));

    public static async Task<Results<ZipDownload.ZipResult, Refusal>> Selection(ArchiveRequest body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new ArchiveForMember(user.GetUserId(), user.GetTeamId(), body.ItemIds ?? []), ct)).ToHttp(a => ZipDownload.Of(a.FileName, a.Entries));
}
