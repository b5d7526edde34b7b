using System.Net;
using Microsoft.Extensions.DependencyInjection;
using TeamShare.Links.Contracts;
using TeamShare.Links.Opening;

namespace TeamShare.IntegrationTests;

/// <summary>
/// Issue 15: the read-heavy paths stay cheap. Query counts are pinned (speed itself is measured by scripts/bench.sh, never
/// here); a link open writes nothing on its request path; link uses queued before a graceful stop are written.
/// </summary>
public sealed class HotPathTests(TeamShareFactory factory) : IClassFixture<TeamShareFactory>
{
    /// <summary>
    /// The share with its items; the policy's outside switch; the items and the sharer's standing (SP-8, two: the sharer owns
    /// them); the team's name. Was 7 reads and an activity INSERT before issue 15.
    /// </summary>
    private const int LinkOpenQueries = 5;

    private async Task<(string Token, string Item)> LinkAsync()
    {
        var mia = await factory.ClientForAsync("mia@acme.test");
        var item = (await mia.UploadOk((await mia.PersonalSpace()).Id(), $"hot-{Guid.NewGuid():N}.txt", "hot"u8.ToArray())).Id();
        var share = await mia.ShareOk(new { itemIds = new[] { item } });
        return (Api.TokenOf(share.GetProperty("url").GetString()!), item);
    }

    [Fact]
    public async Task LK7_opening_a_link_reads_a_fixed_number_of_queries_and_writes_nothing_on_the_request_path()
    {
        var (token, item) = await LinkAsync();
        factory.Server.PreserveExecutionContext = true;
        var visitor = factory.Anonymous();
        visitor.DefaultRequestHeaders.Add("Accept", "application/json");
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync($"/s/{token}")).StatusCode);

        var open = await QueryCounter.CaptureAsync(async () => Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync($"/s/{token}")).StatusCode));
        var preview = await QueryCounter.CaptureAsync(async () =>
            Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync($"/s/{token}/items/{item}/preview")).StatusCode));

        Assert.True(open.Count > 0, "the counter counts");
        Assert.Equal(LinkOpenQueries, open.Count);
        Assert.DoesNotContain(open, IsWrite);
        // A preview adds the one statement that enforces and counts the preview limit (LK-2), and no other write.
        Assert.Single(preview, IsWrite);
        Assert.Contains("UPDATE", preview.Single(IsWrite));
    }

    private static bool IsWrite(string sql) =>
        sql.Contains("INSERT ", StringComparison.OrdinalIgnoreCase) || sql.Contains("UPDATE ", StringComparison.OrdinalIgnoreCase)
        || sql.Contains("DELETE ", StringComparison.OrdinalIgnoreCase);

    [Fact]
    public async Task AD12_link_uses_queued_before_a_graceful_stop_are_written()
    {
        var directory = Path.Combine(Path.GetTempPath(), "teamshare-tests", Guid.NewGuid().ToString("N"));
        var shareId = Guid.NewGuid();
        using (var host = new TeamShareFactory { DataDirectory = directory, DeleteDataOnDispose = false })
        {
            var uses = host.Services.GetRequiredService<LinkUses>();
            for (var i = 0; i < 3; i++) uses.Record(new LinkUsed(shareId, Guid.NewGuid(), "opened", null, DateTime.UtcNow));
        } // a graceful stop: the writer's StopAsync writes what is still queued

        using var again = new TeamShareFactory { DataDirectory = directory };
        Assert.Equal(3L, Convert.ToInt64(await again.SqlAsync("""SELECT count(*) FROM "policy_activity" WHERE "SubjectId" = @id""", shareId)));
    }

    [Fact]
    public async Task AD12_a_failing_activity_log_never_fails_a_link_open_or_a_download()
    {
        var (token, item) = await LinkAsync();
        // Policy's activity table gone: the best-effort path loses these rows, the recipient notices nothing.
        await factory.SqlAsync("""ALTER TABLE "policy_activity" RENAME TO "policy_activity_away" """);
        try
        {
            var visitor = factory.Anonymous();
            Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync($"/s/{token}")).StatusCode);
            Assert.Equal("hot", await visitor.GetStringAsync($"/s/{token}/items/{item}/download"));
            await factory.Services.GetRequiredService<LinkUses>().FlushAsync(CancellationToken.None);
        }
        finally
        {
            await factory.SqlAsync("""ALTER TABLE "policy_activity_away" RENAME TO "policy_activity" """);
        }
    }
}
