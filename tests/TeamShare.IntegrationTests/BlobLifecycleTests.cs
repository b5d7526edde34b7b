using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using TeamShare.Spaces.Blobs;

namespace TeamShare.IntegrationTests;

/// <summary>
/// SP-3 the content store: a blob is never deleted while anything can still name it (issue 23, finding 1). Runs against the
/// blob directory on the SQLite pass and against an S3 bucket on the PostgreSQL pass (issue 26.3, <see cref="TestBlobs"/>).
/// </summary>
[StartsEarly("The longest class on the PostgreSQL + S3 pass: 200 rounds of purge against upload on two instances.")]
public sealed class BlobLifecycleTests
{
    private const int Rounds = 200;

    [Fact]
    public async Task SP3_an_upload_of_bytes_whose_file_is_being_purged_keeps_them_over_200_rounds_on_two_instances()
    {
        var directory = Path.Combine(Path.GetTempPath(), "teamshare-tests", Guid.NewGuid().ToString("N"));
        using var a = new TeamShareFactory { DataDirectory = directory };
        using var b = new TeamShareFactory { DataDirectory = directory, DeleteDataOnDispose = false };
        var mia = await a.ClientForAsync("mia@acme.test");
        var miaOnB = b.Client(cookies: false);
        miaOnB.DefaultRequestHeaders.Authorization = mia.DefaultRequestHeaders.Authorization;
        var space = (await mia.PersonalSpace()).Id();

        var kept = new List<(string Id, byte[] Bytes)>();
        for (var round = 0; round < Rounds; round++)
        {
            var bytes = RandomNumberGenerator.GetBytes(4096);
            var first = (await mia.UploadOk(space, $"race-{round}-a.bin", bytes)).Id();
            Assert.Equal(HttpStatusCode.NoContent, (await mia.DeleteAsync($"/api/items/{first}")).StatusCode);
            // Stored long ago, as after a night in the trash: old enough for the collector to take once nothing names it.
            TestBlobs.LastUsed(directory, bytes, DateTime.UtcNow.AddHours(-2));

            // The purge on one instance, the same bytes uploaded on the other, and both collectors, all at once.
            var purge = mia.DeleteAsync($"/api/trash/{first}");
            var upload = miaOnB.Upload(space, $"race-{round}-b.bin", new MemoryStream(bytes));
            var collectA = Task.Run(() => CollectAsync(a));
            var collectB = Task.Run(() => CollectAsync(b));
            await Task.WhenAll(purge, upload, collectA, collectB);
            Assert.Equal(HttpStatusCode.NoContent, purge.Result.StatusCode);
            Assert.Equal(HttpStatusCode.Created, upload.Result.StatusCode);
            kept.Add(((await upload.Result.Json()).Id(), bytes));
        }

        foreach (var (id, bytes) in kept)
        {
            var onA = await mia.GetAsync($"/api/items/{id}/content");
            Assert.Equal(HttpStatusCode.OK, onA.StatusCode);
            Assert.Equal(bytes, await onA.Content.ReadAsByteArrayAsync());
            Assert.Equal(bytes, await miaOnB.GetByteArrayAsync($"/api/items/{id}/content"));
        }

        // The collector does take what nothing names: purged for good and idle past the grace period.
        foreach (var (id, _) in kept.Take(20))
        {
            await mia.DeleteAsync($"/api/items/{id}");
            Assert.Equal(HttpStatusCode.NoContent, (await mia.DeleteAsync($"/api/trash/{id}")).StatusCode);
        }
        foreach (var (_, bytes) in kept) TestBlobs.LastUsed(directory, bytes, DateTime.UtcNow.AddHours(-2));
        await CollectAsync(b);
        Assert.All(kept.Take(20), k => Assert.False(File.Exists(BlobPath(directory, k.Bytes))));
        Assert.All(kept.Skip(20), k => Assert.True(File.Exists(BlobPath(directory, k.Bytes))));
    }

    [Fact]
    public async Task SP3_blobs_a_crash_left_unnamed_are_collected_after_the_grace_period_and_young_ones_are_kept()
    {
        using var host = new TeamShareFactory();
        var mia = await host.ClientForAsync("mia@acme.test");
        var named = RandomNumberGenerator.GetBytes(1024);
        await mia.UploadOk((await mia.PersonalSpace()).Id(), "named.bin", named);
        // As a kill -9 leaves them: the blob stored, its version never recorded.
        var orphan = RandomNumberGenerator.GetBytes(1024);
        var young = RandomNumberGenerator.GetBytes(1024);
        foreach (var bytes in new[] { orphan, young }) TestBlobs.Plant(host.DataDirectory, bytes);
        TestBlobs.LastUsed(host.DataDirectory, orphan, DateTime.UtcNow.AddHours(-2));
        TestBlobs.LastUsed(host.DataDirectory, named, DateTime.UtcNow.AddHours(-2));

        await CollectAsync(host);
        await CollectAsync(host);
        Assert.False(File.Exists(BlobPath(host.DataDirectory, orphan)));
        Assert.True(File.Exists(BlobPath(host.DataDirectory, young)));
        Assert.True(File.Exists(BlobPath(host.DataDirectory, named)));
        Assert.Empty(TestBlobs.Condemned(host.DataDirectory));
    }

    [Fact]
    public async Task Issue23_SP3_the_check_finds_missing_damaged_and_unnamed_contents_and_the_repair_removes_only_old_unnamed_ones()
    {
        using var host = new TeamShareFactory();
        var mia = await host.ClientForAsync("mia@acme.test");
        var space = (await mia.PersonalSpace()).Id();
        byte[] healthy = RandomNumberGenerator.GetBytes(2048), lost = RandomNumberGenerator.GetBytes(2048), rotten = RandomNumberGenerator.GetBytes(2048);
        foreach (var (name, bytes) in new[] { ("healthy.bin", healthy), ("lost.bin", lost), ("rotten.bin", rotten) }) await mia.UploadOk(space, name, bytes);
        var clean = await CheckAsync(host, repair: false);
        Assert.True(clean.Healthy);
        Assert.Empty(clean.Unnamed);

        File.Delete(BlobPath(host.DataDirectory, lost));
        var flipped = (byte[])rotten.Clone();
        flipped[100] ^= 0xFF;
        await File.WriteAllBytesAsync(BlobPath(host.DataDirectory, rotten), flipped);
        byte[] old = RandomNumberGenerator.GetBytes(512), young = RandomNumberGenerator.GetBytes(512);
        foreach (var bytes in new[] { old, young }) TestBlobs.Plant(host.DataDirectory, bytes);
        TestBlobs.LastUsed(host.DataDirectory, old, DateTime.UtcNow.AddHours(-2));

        var report = await CheckAsync(host, repair: false);
        Assert.False(report.Healthy);
        Assert.StartsWith(Sha(lost), Assert.Single(report.Missing));
        Assert.StartsWith(Sha(rotten), Assert.Single(report.Damaged));
        Assert.Equal(new[] { Sha(old), Sha(young) }.Order(StringComparer.Ordinal), report.Unnamed);
        Assert.Equal(0, report.Removed);
        Assert.True(File.Exists(BlobPath(host.DataDirectory, old)));

        var repaired = await CheckAsync(host, repair: true);
        Assert.Equal(1, repaired.Removed);
        Assert.False(File.Exists(BlobPath(host.DataDirectory, old)));
        Assert.True(File.Exists(BlobPath(host.DataDirectory, young)));
        Assert.True(File.Exists(BlobPath(host.DataDirectory, healthy)));
        Assert.True(File.Exists(BlobPath(host.DataDirectory, rotten)), "a damaged content is reported, never removed");
    }

    [Fact]
    public async Task SP3_Issue26_a_large_file_is_stored_once_in_parts_and_a_range_across_a_part_boundary_reads_back_exactly()
    {
        using var host = new TeamShareFactory();
        // Parts of 5 MB (the S3 minimum) on the S3 store; the directory store writes one file whatever the setting.
        host.Settings["TeamShare:Blobs:S3:PartMegabytes"] = "5";
        var mia = await host.ClientForAsync("mia@acme.test");
        var space = (await mia.PersonalSpace()).Id();
        var bytes = RandomNumberGenerator.GetBytes(12 << 20);
        var first = (await mia.UploadOk(space, "large-a.bin", bytes)).Id();
        await mia.UploadOk(space, "large-b.bin", bytes);

        Assert.Single(TestBlobs.Stored(host.DataDirectory), stored => stored == Sha(bytes));
        Assert.Equal(bytes, await mia.GetByteArrayAsync($"/api/items/{first}/content"));
        const int from = (5 << 20) - 10;
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/items/{first}/content");
        request.Headers.Range = new RangeHeaderValue(from, from + 29);
        var range = await mia.SendAsync(request);
        Assert.Equal(HttpStatusCode.PartialContent, range.StatusCode);
        Assert.Equal(bytes.AsSpan(from, 30).ToArray(), await range.Content.ReadAsByteArrayAsync());
    }

    private static async Task<TeamShare.Spaces.Contracts.BlobCheckReport> CheckAsync(TeamShareFactory host, bool repair)
    {
        using var scope = host.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<Mediator.IMediator>().Send(new TeamShare.Spaces.Contracts.CheckBlobs(repair));
    }

    private static string Sha(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static async Task CollectAsync(TeamShareFactory host)
    {
        using var scope = host.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<BlobCollectJob>().RunAsync(CancellationToken.None);
    }

    private static string BlobPath(string dataDirectory, byte[] bytes) => TestBlobs.PathOf(dataDirectory, bytes);
}
