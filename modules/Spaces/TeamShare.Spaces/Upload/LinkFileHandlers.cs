using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TeamShare.SharedKernel.Modules;
using TeamShare.Spaces.Blobs;
using TeamShare.Spaces.Contracts;
using TeamShare.Spaces.Data;
using TeamShare.Spaces.Items;
using TeamShare.Spaces.Versions;

namespace TeamShare.Spaces.Upload;

internal sealed class AddFileToFolderHandler(SpacesDbContext db, ContentIntake intake, ItemWriter writer, IOptions<TeamShareOptions> options)
    : IRequestHandler<AddFileToFolder, FileWriteResult>
{
    public async ValueTask<FileWriteResult> Handle(AddFileToFolder r, CancellationToken ct)
    {
        if (ItemNames.Problem(r.Name) is { } problem) return new(null, "name", problem);
        var folder = await db.Items.AsNoTracking().FirstOrDefaultAsync(
            i => i.Id == r.FolderId && i.TeamId == r.TeamId && i.Kind == ItemKinds.Folder && i.TrashedAt == null, ct);
        if (folder is null) return new(null, "not_found", "This folder does not exist.");
        var taken = await intake.StoreAsync(r.TeamId, r.Content, Math.Min(options.Value.MaxUploadBytes, r.Limit ?? long.MaxValue), ct);
        if (taken.Blob is not { } blob)
            return new(null, taken.Refusal!.Code, taken.Refusal.Detail);
        var item = await writer.AddAsync(folder, r.Name, ItemKinds.File, r.OwnerId, i =>
        {
            i.Size = blob.Size;
            i.ContentSha256 = blob.Sha256;
            i.ContentType = ContentTypes.Of(r.Name);
        }, ct);
        return new(item.ToSummary(), null, null);
    }
}

internal sealed class ReplaceFileContentHandler(SpacesDbContext db, ContentIntake intake, Versioning versioning, IOptions<TeamShareOptions> options)
    : IRequestHandler<ReplaceFileContent, FileWriteResult>
{
    public async ValueTask<FileWriteResult> Handle(ReplaceFileContent r, CancellationToken ct)
    {
        var exists = await db.Items.AnyAsync(i => i.Id == r.ItemId && i.TeamId == r.TeamId && i.Kind == ItemKinds.File && i.TrashedAt == null, ct);
        if (!exists) return new(null, "not_found", "This file does not exist.");
        var taken = await intake.StoreAsync(r.TeamId, r.Content, options.Value.MaxUploadBytes, ct);
        if (taken.Blob is not { } blob)
            return new(null, taken.Refusal!.Code, taken.Refusal.Detail);
        if (!await versioning.ReplaceAsync(r.ItemId, blob, null, r.ByUserId, ct)) return new(null, "conflict", "Someone saved this file at the same moment.");
        var item = await db.Items.AsNoTracking().FirstAsync(i => i.Id == r.ItemId, ct);
        return new(item.ToSummary(), null, null);
    }
}

internal sealed class GetItemStatesHandler(SpacesDbContext db) : IRequestHandler<GetItemStates, IReadOnlyDictionary<Guid, ItemSummary>>
{
    public async ValueTask<IReadOnlyDictionary<Guid, ItemSummary>> Handle(GetItemStates r, CancellationToken ct)
    {
        var ids = r.ItemIds.Distinct().ToList();
        var items = await db.Items.AsNoTracking().Where(i => i.TeamId == r.TeamId && ids.Contains(i.Id)).ToListAsync(ct);
        return items.ToDictionary(i => i.Id, i => i.ToSummary());
    }
}
