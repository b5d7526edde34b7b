using TeamShare.SharedKernel.Localization;
using System.Globalization;
using Mediator;
using Microsoft.EntityFrameworkCore;
using TeamShare.Identity.Contracts;
using TeamShare.Invitations.Contracts;
using TeamShare.Links.Data;
using TeamShare.SharedKernel.Http;
using TeamShare.SharedKernel.Jobs;
using TeamShare.SharedKernel.Text;
using TeamShare.Spaces.Contracts;
using TeamShare.Webhooks.Contracts;

namespace TeamShare.Links.Notices;

/// <summary>
/// Issue 11: tells a sharer by mail what happened to their link: the first open at once, then at most one mail per link per
/// 10 minutes, a digest of what came since (opens, previews, downloads, the names of files uploaded into a drop box, the
/// preview limit reached, the link about to expire). Runs every minute; what a mail covered is recorded on the link with the
/// mail in one save, and the outbox's dedup key makes a rerun after a crash queue nothing twice.
/// </summary>
internal sealed class SharerNoticeSweep(LinksDbContext db, IMediator mediator, NoticeLinks noticeLinks, IServiceProvider services,
    TimeProvider clock, Microsoft.Extensions.Localization.IStringLocalizer<Ui> t) : IRecurringJob
{
    public static readonly TimeSpan Quiet = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan ExpiringWithin = TimeSpan.FromDays(1);
    private const int MaxEventsPerMail = 1000;

    public async Task RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var (quietSince, expiringBy) = (now - Quiet, now + ExpiringWithin);
        var due = await db.Links.Where(l => !l.NoticesOff && l.CanceledAt == null && (l.LastNoticeAt == null || l.LastNoticeAt <= quietSince)
                && (db.Events.Any(e => e.ShareId == l.Id && e.Id > l.NoticedThroughEventId)
                    || (l.PreviewLimit != null && l.PreviewCount >= l.PreviewLimit && l.LimitNoticedAt == null)
                    || (l.ExpiresAt > now && l.ExpiresAt <= expiringBy && l.ExpiringNoticedAt == null)))
            .OrderBy(l => l.Id).Take(200).ToListAsync(ct);
        foreach (var team in due.GroupBy(l => l.TeamId))
        {
            var contacts = await mediator.Send(new GetUserContacts(team.Key, team.Select(l => l.OwnerUserId).Distinct().ToList()), ct);
            foreach (var link in team)
                if (contacts.TryGetValue(link.OwnerUserId, out var owner)) await NoticeAsync(link, owner, now, ct);
        }
    }

    /// <summary>
    /// One line for the team's chat: whose link, and what happened to it since the last notice; in the sharer's language (their
    /// own, else the team's), as their mail is (NoticeAsync speaks it).
    /// </summary>
    private string ChatText(Link link, UserContact owner, IReadOnlyDictionary<string, string> m, bool firstOpen)
    {
        if (firstOpen) return t["The link “{1}” of {0} was opened for the first time.", owner.DisplayName, link.Name];
        var parts = new List<string>();
        foreach (var (key, word) in new[] { ("opens", "opened {0}×"), ("previews", "previewed {0}×"), ("downloads", "downloaded {0}×"), ("edits", "edited {0}×") })
            if (m[key] != "0") parts.Add(t[word, m[key]]);
        if (m["uploads"] != "") parts.Add(t["files uploaded: {0}", m["uploads"].Replace("\n", ", ")]);
        if (m["limit_reached"] != "") parts.Add(t["preview limit reached|chat"]);
        if (m["expires_at"] != "") parts.Add(t["expires {0}", m["expires_at"]]);
        return t["The link “{1}” of {0}: {2}.", owner.DisplayName, link.Name, string.Join("; ", parts)];
    }

    private async Task NoticeAsync(Link link, UserContact owner, DateTime now, CancellationToken ct)
    {
        using var language = Cultures.Use(owner.Language);
        var events = await db.Events.AsNoTracking().Where(e => e.ShareId == link.Id && e.Id > link.NoticedThroughEventId)
            .OrderBy(e => e.Id).Take(MaxEventsPerMail).ToListAsync(ct);
        var firstOpen = link.LastNoticeAt is null ? events.FirstOrDefault(e => e.Kind == "opened") : null;
        if (firstOpen is not null) events = events.Where(e => e.Id <= firstOpen.Id).ToList();
        var limitReached = firstOpen is null && link.PreviewLimit is { } limit && link.PreviewCount >= limit && link.LimitNoticedAt is null;
        var expiring = firstOpen is null && link.ExpiresAt > now && link.ExpiresAt <= now + ExpiringWithin && link.ExpiringNoticedAt is null;

        var uploads = events.Where(e => e.Kind == "uploaded" && e.ItemId is not null).Select(e => e.ItemId!.Value).ToList();
        var names = uploads.Count == 0 ? new Dictionary<Guid, ItemSummary>() : await mediator.Send(new GetItemStates(link.TeamId, uploads), ct);
        int Count(string kind) => events.Count(e => e.Kind == kind);
        var through = events.Count > 0 ? events[^1].Id : link.NoticedThroughEventId;
        var model = new Dictionary<string, string>
        {
            ["owner_name"] = owner.DisplayName,
            [Cultures.MailKey] = owner.Language,
            ["link_name"] = link.Name,
            ["link_page"] = $"{PublicAddress.ForMessages(services)}/shares/{link.Id}",
            [QueueMail.UnsubscribeKey] = noticeLinks.UnsubscribeUrl(link.Id),
            ["first_open_at"] = firstOpen is null ? "" : TimeZones.Format(firstOpen.At, owner.TimeZone),
            ["first_open_client"] = firstOpen is null ? "" : $"{firstOpen.Client}, {firstOpen.Network}",
            ["opens"] = Count("opened").ToString(CultureInfo.InvariantCulture),
            ["previews"] = Count("previewed").ToString(CultureInfo.InvariantCulture),
            ["downloads"] = Count("downloaded").ToString(CultureInfo.InvariantCulture),
            ["edits"] = Count("edited").ToString(CultureInfo.InvariantCulture),
            ["uploads"] = string.Join("\n", uploads.Select(id => names.TryGetValue(id, out var item) ? item.Name : t["(a file since deleted)"])),
            ["limit_reached"] = limitReached ? "yes" : "",
            ["expires_at"] = expiring ? TimeZones.Format(link.ExpiresAt!.Value, owner.TimeZone) : "",
        };
        var template = firstOpen is not null ? "link-first-open" : "link-digest";
        var key = $"link-notice:{link.Id}:{through}:{limitReached}:{expiring}";
        await mediator.Send(new QueueMail(link.TeamId, owner.Email, template, model, key), ct);
        await mediator.Send(new PostNoticeToChat(link.TeamId, link.OwnerUserId, key, ChatText(link, owner, model, firstOpen is not null), model["link_page"]), ct);
        link.NoticedThroughEventId = through;
        link.LastNoticeAt = now;
        if (limitReached) link.LimitNoticedAt = now;
        if (expiring) link.ExpiringNoticedAt = now;
        await db.SaveChangesAsync(ct);
    }
}
