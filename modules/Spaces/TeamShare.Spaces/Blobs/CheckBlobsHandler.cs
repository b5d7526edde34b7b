using System.Security.Cryptography;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TeamShare.SharedKernel.Modules;
using TeamShare.Spaces.Contracts;
using TeamShare.Spaces.Data;

namespace TeamShare.Spaces.Blobs;

/// <summary>
/// Reads every named content back and hashes it (as seaf-fsck does), so a disk that rots or a restore that missed files is
/// found before a recipient finds it. The repair removes only what the hourly sweep would: unnamed and left alone for the
/// grace period, checked again under the sweep's own rules.
/// </summary>
internal sealed class CheckBlobsHandler(SpacesDbContext db, IBlobStore blobs, IOptions<TeamShareOptions> options)
    : IRequestHandler<CheckBlobs, BlobCheckReport>
{
    public async ValueTask<BlobCheckReport> Handle(CheckBlobs request, CancellationToken ct)
    {
        var recorded = new Dictionary<string, (HashSet<long> Sizes, Guid Item)>();
        void Record(string hash, long size, Guid item)
        {
            if (!recorded.TryGetValue(hash, out var entry)) recorded[hash] = entry = ([], item);
            entry.Sizes.Add(size);
        }
        foreach (var v in await db.Versions.AsNoTracking().Select(v => new { v.ContentSha256, v.Size, v.ItemId }).ToListAsync(ct))
            Record(v.ContentSha256, v.Size, v.ItemId);
        foreach (var i in await db.Items.AsNoTracking().Where(i => i.ContentSha256 != null).Select(i => new { i.ContentSha256, i.Size, i.Id }).ToListAsync(ct))
            Record(i.ContentSha256!, i.Size, i.Id);

        List<string> missing = [], damaged = [];
        foreach (var (hash, (sizes, item)) in recorded.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            var described = $"{hash} (file {item}, {string.Join(" or ", sizes)} bytes)";
            if (!await blobs.ExistsAsync(hash, ct)) { missing.Add(described); continue; }
            (string Sha256, long Size) read;
            try { read = await HashAsync(hash, ct); }
            catch (IOException e)
            {
                damaged.Add($"{described}: cannot be read back ({e.Message})");
                continue;
            }
            var (actual, length) = read;
            if (actual != hash || !sizes.Contains(length)) damaged.Add($"{described}: {length} bytes stored, SHA-256 {actual}");
        }
        List<string> unnamed = [];
        await foreach (var hash in blobs.ListAsync(ct)) if (!recorded.ContainsKey(hash)) unnamed.Add(hash);
        unnamed.Sort(StringComparer.Ordinal);
        var removed = request.Repair && unnamed.Count > 0
            ? await blobs.CollectAsync(options.Value.Blobs.GracePeriod, (hashes, c) => BlobNames.NamedAsync(db, hashes, c), ct)
            : 0;
        return new BlobCheckReport(recorded.Count, missing, damaged, unnamed, removed);
    }

    /// <summary>The stored bytes' own hash and count, read to the end (a store's idea of the length is not what is checked).</summary>
    private async Task<(string Sha256, long Size)> HashAsync(string hash, CancellationToken ct)
    {
        await using var stored = blobs.OpenRead(hash);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 16];
        long size = 0;
        int read;
        while ((read = await stored.ReadAsync(buffer, ct)) > 0)
        {
            sha.AppendData(buffer, 0, read);
            size += read;
        }
        return (Convert.ToHexStringLower(sha.GetHashAndReset()), size);
    }
}
