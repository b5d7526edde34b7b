using System.Net;

namespace TeamShare.IntegrationTests;

/// <summary>
/// Issue 23: a full disk, for real: the blobs live on a 4 MB tmpfs (the test command runs as root, or with sudo, which may
/// mount one). An upload that does not fit is a 507 problem with the trace id, nothing is kept, and readiness turns unhealthy.
/// </summary>
public sealed class DiskFullTests : IDisposable
{
    private readonly SmallDisk _disk = new();

    [Fact]
    public async Task Issue23_SP2_an_upload_that_does_not_fit_is_507_keeps_nothing_and_the_instance_turns_unready()
    {
        using var factory = new TeamShareFactory();
        factory.Settings["TeamShare:BlobDirectory"] = _disk.Path;
        factory.Settings["TeamShare:Blobs:MinFreeMegabytes"] = "1";
        var mia = await factory.ClientForAsync("mia@acme.test");
        var space = (await mia.PersonalSpace()).Id();
        var ready = await factory.Anonymous().GetAsync("/health/ready");
        Assert.True(ready.IsSuccessStatusCode, await ready.Content.ReadAsStringAsync());

        var big = await mia.Upload(space, "too-big.bin", new MemoryStream(new byte[6 << 20]));
        Assert.Equal(HttpStatusCode.InsufficientStorage, big.StatusCode);
        var problem = await big.Json();
        Assert.Equal("storage_full", problem.GetProperty("reason").GetString());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("traceId").GetString()));
        var names = (await (await mia.GetAsync($"/api/spaces/{space}/items")).Json()).EnumerateArray()
            .Select(i => i.GetProperty("name").GetString()).ToList();
        Assert.DoesNotContain("too-big.bin", names);
        // The temporary file went with the failure: the small file after it still fits.
        Assert.Equal(HttpStatusCode.Created, (await mia.Upload(space, "small.txt", new MemoryStream(new byte[100_000]))).StatusCode);

        // Filled to under a megabyte free, the instance says it is not ready (a balancer stops sending it uploads).
        await File.WriteAllBytesAsync(Path.Combine(_disk.Path, "filler"), new byte[(int)(new DriveInfo(_disk.Path).AvailableFreeSpace - 200_000)]);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await factory.Anonymous().GetAsync("/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await factory.Anonymous().GetAsync("/health/live")).StatusCode);
    }

    public void Dispose() => _disk.Dispose();
}
