using TeamShare.SharedKernel.Localization;
using System.Security.Cryptography;
using System.Text;
using Mediator;
using Microsoft.EntityFrameworkCore;
using TeamShare.Identity.Contracts;
using TeamShare.Invitations.Contracts;
using TeamShare.Links.Data;
using TeamShare.SharedKernel.Jobs;

namespace TeamShare.Links.Jobs;

/// <summary>
/// JB-1 housekeeping: marks expired links and QR codes and tells each owner by e-mail which of their links expired.
/// Access already ends at the expiry instant (the gate checks it on every open); this sweep only records and tells.
/// Idempotent: the mail's dedup key is made from the links it names, so a rerun after a crash queues nothing twice.
/// </summary>
internal sealed class LinkExpirySweep(LinksDbContext db, IMediator mediator, TimeProvider clock) : IRecurringJob
{
    public async Task RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var expired = await db.Links.Where(s => s.ExpiresAt <= now && s.ExpiryNoticeQueuedAt == null && s.CanceledAt == null)
            .OrderBy(s => s.Id).Take(500).ToListAsync(ct);
        foreach (var team in expired.GroupBy(s => s.TeamId))
        {
            var contacts = await mediator.Send(new GetUserContacts(team.Key, team.Select(s => s.OwnerUserId).ToList()), ct);
            foreach (var owner in team.GroupBy(s => s.OwnerUserId))
            {
                if (contacts.TryGetValue(owner.Key, out var contact))
                {
                    var ids = string.Join(",", owner.Select(s => s.Id).Order());
                    var key = "links-expired:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ids)));
                    await mediator.Send(new QueueMail(team.Key, contact.Email, "links-expired", new Dictionary<string, string>
                    {
                        ["owner_name"] = contact.DisplayName,
                        ["links"] = string.Join("\n", owner.Select(s => s.Name)),
                        ["count"] = owner.Count().ToString(),
                        [Cultures.MailKey] = contact.Language,
                    }, key, Member: owner.Key), ct);
                }
                foreach (var share in owner)
                {
                    share.ExpiryNoticeQueuedAt = now;
                    share.ExpiryProcessedAt ??= now;
                }
            }
        }
        await db.SaveChangesAsync(ct);
        await db.Links.Where(s => s.ExpiresAt <= now && s.ExpiryProcessedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.ExpiryProcessedAt, now), ct);
        await db.QrCodes.Where(q => q.ExpiresAt <= now && q.ExpiryProcessedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.ExpiryProcessedAt, now), ct);
    }
}
