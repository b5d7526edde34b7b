using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TeamShare.Links.Contracts;
using TeamShare.Invitations.Data;
using TeamShare.Links.Data;
using TeamShare.Policy.Contracts;
using TeamShare.SharedKernel.Data;

namespace TeamShare.IntegrationTests;

/// <summary>
/// Nothing lost (AD-12): a sharing event is saved in the same transaction as its change. Published at once in the normal
/// case; after a crash between the commit and the publish, the module's relay publishes it, and the log records it once.
/// </summary>
public sealed class DurableNotificationTests(TeamShareFactory factory) : IClassFixture<TeamShareFactory>
{
    private readonly TestClock _clock = factory.Clock.Restart();

    private async Task<int> ActivityCountAsync(string kind, Guid subject)
    {
        var olivia = await factory.ClientForAsync("olivia@acme.test");
        var activity = await (await olivia.GetAsync($"/api/admin/activity?kind={kind}")).Json();
        return activity.EnumerateArray().Count(a => a.GetProperty("subjectId").GetString() == subject.ToString());
    }

    private async Task<int> PendingAsync()
    {
        using var scope = factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<LinksDbContext>().Set<PendingNotification>().CountAsync();
    }

    private async Task RunRelayAsync()
    {
        using var scope = factory.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<NotificationRelay<LinksDbContext>>().RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task AD12_a_link_event_is_published_with_its_change_and_nothing_stays_pending()
    {
        var mia = await factory.ClientForAsync("mia@acme.test");
        var item = (await mia.UploadOk((await mia.PersonalSpace()).Id(), "durable.txt", "x"u8.ToArray())).Id();
        var share = Guid.Parse((await mia.ShareOk(new { itemIds = new[] { item } })).Id());
        Assert.Equal(1, await ActivityCountAsync("link_created", share));
        Assert.Equal(System.Net.HttpStatusCode.NoContent, (await mia.DeleteAsync($"/api/shares/{share}")).StatusCode);
        Assert.Equal(1, await ActivityCountAsync("link_canceled", share));
        Assert.Equal(0, await PendingAsync());
    }

    [Fact]
    public async Task AD12_an_event_left_unpublished_by_a_crash_is_relayed_after_the_grace_period_and_recorded_once()
    {
        var mia = await factory.ClientForAsync("mia@acme.test");
        var me = await (await mia.GetAsync("/api/me")).Json();
        var (userId, teamId) = (Guid.Parse(me.Id()), Guid.Parse(me.GetProperty("teamId").GetString()!));
        var share = Guid.NewGuid();
        // The state a crash right after the commit leaves: the event saved, never published.
        var lost = new LinkModified(share, teamId, userId, "remarks", _clock.GetUtcNow().UtcDateTime);
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LinksDbContext>();
            db.Stage(lost, lost.EventId, _clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync();
        }

        await RunRelayAsync();
        Assert.Equal(0, await ActivityCountAsync("link_modified", share));

        _clock.Advance(TimeSpan.FromMinutes(2));
        await RunRelayAsync();
        Assert.Equal(1, await ActivityCountAsync("link_modified", share));
        Assert.Equal(0, await PendingAsync());

        // Published again (a relay that died after publishing, before removing the row): still recorded once.
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LinksDbContext>();
            db.Stage(lost, lost.EventId, _clock.GetUtcNow().UtcDateTime.AddMinutes(-5));
            await db.SaveChangesAsync();
        }
        await RunRelayAsync();
        Assert.Equal(1, await ActivityCountAsync("link_modified", share));
    }

    [Fact]
    public async Task AD12_an_invitations_batch_of_events_left_by_a_crash_is_relayed_and_each_event_recorded_once()
    {
        var mia = await factory.ClientForAsync("mia@acme.test");
        var me = await (await mia.GetAsync("/api/me")).Json();
        var (userId, teamId) = (Guid.Parse(me.Id()), Guid.Parse(me.GetProperty("teamId").GetString()!));
        var item = Guid.NewGuid();
        var now = _clock.GetUtcNow().UtcDateTime;
        // What an invitation of three outside people stages: one notification carrying an event per recipient.
        var lost = new SharingActivitiesOccurred(Enumerable.Range(0, 3)
            .Select(i => new SharingActivityOccurred(teamId, userId, "invitation_sent", item, $"guest{i}@partner.example", "plan.txt", now)).ToList());
        async Task StageAsync(DateTime at)
        {
            using var scope = factory.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<InvitationsDbContext>();
            db.Stage(lost, Guid.CreateVersion7(), at);
            await db.SaveChangesAsync();
        }
        async Task RelayAsync()
        {
            using var scope = factory.Services.CreateScope();
            await scope.ServiceProvider.GetRequiredService<NotificationRelay<InvitationsDbContext>>().RunAsync(CancellationToken.None);
        }

        await StageAsync(now);
        _clock.Advance(TimeSpan.FromMinutes(2));
        await RelayAsync();
        Assert.Equal(3, await ActivityCountAsync("invitation_sent", item));
        // The same batch relayed again (a relay that died before removing its row): each event is still there once.
        await StageAsync(_clock.GetUtcNow().UtcDateTime.AddMinutes(-5));
        await RelayAsync();
        Assert.Equal(3, await ActivityCountAsync("invitation_sent", item));
    }
}
