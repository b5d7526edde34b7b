using TeamShare.SharedKernel.Publishing;
using System.Net;
using System.Net.Http.Json;
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
    /// A first open reads the share with its items; the policy's outside switch; the items and the sharer's standing (SP-8,
    /// two: the sharer owns them); the team's name. Was 7 reads and an activity INSERT before issue 15. Issue 24: the next
    /// opens read nothing (LinkCacheTests).
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
        // On PostgreSQL the instance hears its own upload and link again a moment after their commit, which would drop what
        // the first open keeps: the opens begin once the feed has heard them.
        await ChangeFeedWaits.HeardSoFarAsync(factory);
        factory.Server.PreserveExecutionContext = true;
        var visitor = factory.Anonymous();
        visitor.DefaultRequestHeaders.Add("Accept", "application/json");

        var open = await QueryCounter.CaptureAsync(async () => Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync($"/s/{token}")).StatusCode));
        var preview = await QueryCounter.CaptureAsync(async () =>
            Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync($"/s/{token}/items/{item}/preview")).StatusCode));

        Assert.True(open.Count > 0, "the counter counts");
        Assert.Equal(LinkOpenQueries, open.Count);
        Assert.DoesNotContain(open, IsWrite);
        // A preview adds the one statement that enforces and counts the preview limit (LK-2), and no other write; the link
        // itself is not read again (issue 24: the gate's facts are cached, and the count's statement decides the limit).
        Assert.Single(preview, IsWrite);
        Assert.Contains("UPDATE", preview.Single(IsWrite));
        Assert.DoesNotContain(preview, sql => !IsWrite(sql) && sql.Contains("links_shares"));
        // Counting is not a change the cache must hear of (its statement is tagged so): the next open still reads nothing.
        Assert.Empty(await QueryCounter.CaptureAsync(async () => Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync($"/s/{token}")).StatusCode)));
    }

    /// <summary>
    /// Issue 24.5: inviting fifty outside people saves the invitations and their mails in one transaction and records the
    /// fifty activity rows in one statement (it was fifty INSERTs and fifty DELETEs, each its own transaction, and fifty
    /// UPDATEs marking outside invitations applied, which have no grant to apply). The admin still sees every recipient.
    /// </summary>
    [Fact]
    public async Task AD12_SH9_an_invitation_of_fifty_outside_people_records_their_activity_in_one_statement()
    {
        await factory.AllowAnyoneByEmailAsync();
        factory.Server.PreserveExecutionContext = true;
        var mia = await factory.ClientForAsync("mia@acme.test");
        var item = (await mia.UploadOk((await mia.PersonalSpace()).Id(), $"invite-{Guid.NewGuid():N}.txt", "x"u8.ToArray())).Id();
        var tag = Guid.NewGuid().ToString("N")[..8];
        var recipients = Enumerable.Range(0, 50).Select(i => new { kind = "external", email = $"g{tag}-{i}@partner.example" }).ToArray();

        var sql = await QueryCounter.CaptureAsync(async () => Assert.Equal(HttpStatusCode.Created, (await mia.PostAsJsonAsync(
            $"/api/items/{item}/invitations", new { recipients, role = "viewer", acknowledgeExternal = true, externalExpiryDays = 7 })).StatusCode));

        // PostgreSQL's SQL leaves lower-case names unquoted; SQLite's quotes them.
        var statements = sql.Select(s => s.Replace("\"", "")).ToList();
        Assert.Single(statements, s => s.Contains("INSERT INTO policy_activity"));
        Assert.DoesNotContain(statements, s => s.Contains("UPDATE invitations_invitations"));
        Assert.Single(statements, s => s.Contains("DELETE FROM invitations_pending_notifications"));
        var olivia = await factory.ClientForAsync("olivia@acme.test");
        var activity = await (await olivia.GetAsync($"/api/admin/activity?kind=invitation_sent&item={item}")).Json();
        Assert.Equal(50, activity.EnumerateArray().Count(a => a.GetProperty("target").GetString()!.StartsWith($"g{tag}-")));
    }

    [Fact]
    public async Task CH1_the_channels_a_member_is_offered_take_one_query_for_the_switches_however_many_channels_there_are()
    {
        factory.Server.PreserveExecutionContext = true;
        var mia = await factory.ClientForAsync("mia@acme.test");
        Assert.Equal(HttpStatusCode.OK, (await mia.GetAsync("/api/channels")).StatusCode);
        var listed = await QueryCounter.CaptureAsync(async () => Assert.Equal(HttpStatusCode.OK, (await mia.GetAsync("/api/channels")).StatusCode));
        // Was one query per active channel (three here) after the token and the policy.
        Assert.Single(listed, q => q.Contains("policy_channel", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task SP1_a_folder_listing_takes_the_same_queries_for_three_items_as_for_thirty()
    {
        var mia = await factory.ClientForAsync("mia@acme.test");
        var space = (await mia.PersonalSpace()).Id();
        var folder = (await (await mia.PostAsJsonAsync($"/api/spaces/{space}/folders", new { name = $"list-{Guid.NewGuid():N}" })).Json()).Id();
        async Task<int> Listing() => (await QueryCounter.CaptureAsync(async () =>
            Assert.Equal(HttpStatusCode.OK, (await mia.GetAsync($"/api/spaces/{space}/items?parentId={folder}")).StatusCode))).Count;
        factory.Server.PreserveExecutionContext = true;
        for (var i = 0; i < 3; i++) await mia.Upload(space, $"f{i}.txt", new MemoryStream("x"u8.ToArray()), folder);
        var few = await Listing();
        for (var i = 3; i < 30; i++) await mia.Upload(space, $"f{i}.txt", new MemoryStream("x"u8.ToArray()), folder);
        Assert.True(few > 0, "the counter counts");
        Assert.Equal(few, await Listing());
        Assert.Equal(FolderListingQueries, few);
    }

    /// <summary>
    /// Authentication by personal access token included: the token and its user, the folder (its space is not read: issue 24)
    /// and the owner's standing (SP-8), the children, whom they are shared with, which have a live link (issue 12's indicator)
    /// and which the caller starred (issue 28): a fixed seven whatever the folder holds.
    /// </summary>
    private const int FolderListingQueries = 7;

    [Fact]
    public async Task SP8_the_effective_role_is_two_queries_for_the_owner_four_for_anyone_else_three_for_their_next_item_none_when_asked_again()
    {
        var mia = await factory.ClientForAsync("mia@acme.test");
        var space = (await mia.PersonalSpace()).Id();
        var item = Guid.Parse((await mia.UploadOk(space, $"role-{Guid.NewGuid():N}.txt", "x"u8.ToArray())).Id());
        var next = Guid.Parse((await mia.UploadOk(space, $"role-{Guid.NewGuid():N}.txt", "x"u8.ToArray())).Id());
        var me = await (await mia.GetAsync("/api/me")).Json();
        var teamId = Guid.Parse(me.GetProperty("teamId").GetString()!);
        var miaId = Guid.Parse(me.GetProperty("id").GetString()!);
        var markId = await (await factory.ClientForAsync("mark@acme.test")).UserIdAsync();
        async Task<int> Role(Guid userId, Guid itemId) => await QueryCounter.CountAsync(async () =>
        {
            using var scope = factory.Services.CreateScope();
            await scope.ServiceProvider.GetRequiredService<Mediator.IMediator>().Send(new TeamShare.Spaces.Contracts.GetItemAccess(userId, teamId, itemId));
        });
        // On PostgreSQL the uploads are heard again a moment after their commit, dropping what a count keeps: wait for them.
        await ChangeFeedWaits.HeardSoFarAsync(factory);
        Assert.Equal(2, await Role(miaId, item));
        Assert.Equal(4, await Role(markId, item));
        // Issue 24: a member's standing (team, departments) is kept until their team changes: the item and the grants only.
        Assert.Equal(3, await Role(markId, next));
        // Issue 24 (B4): and so is the answer itself.
        Assert.Equal(0, await Role(markId, item));
        Assert.Equal(0, await Role(miaId, item));
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
            var uses = host.Services.GetRequiredService<BestEffort<LinkUsed>>();
            for (var i = 0; i < 3; i++) uses.Publish(new LinkUsed(shareId, Guid.NewGuid(), "opened", null, DateTime.UtcNow));
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
            await factory.Services.GetRequiredService<BestEffort<LinkUsed>>().FlushAsync(CancellationToken.None);
        }
        finally
        {
            await factory.SqlAsync("""ALTER TABLE "policy_activity_away" RENAME TO "policy_activity" """);
        }
    }
}
