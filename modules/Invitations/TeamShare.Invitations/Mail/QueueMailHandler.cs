using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Mediator;
using Microsoft.EntityFrameworkCore;
using TeamShare.Invitations.Contracts;
using TeamShare.Invitations.Data;
using TeamShare.SharedKernel.Jobs;

namespace TeamShare.Invitations.Mail;

/// <summary>Puts one mail in the outbox; the same dedup key is one mail, however often it is queued; none if its member turned its kind off.</summary>
internal sealed class QueueMailHandler(InvitationsDbContext db, IJobTrigger jobs, TimeProvider clock) : IRequestHandler<QueueMail, bool>
{
    public async ValueTask<bool> Handle(QueueMail request, CancellationToken ct)
    {
        if (request.Member is { } member && (await MailSwitches.SilencedAsync(db, [member], request.Template, ct)).Count > 0) return false;
        var messageId = MessageIdFor(request.DedupKey);
        if (await db.Outbox.AnyAsync(m => m.MessageId == messageId, ct)) return false;
        db.Outbox.Add(OutboxMail.Create(request.TeamId, messageId, request.To, request.Template,
            JsonSerializer.Serialize(request.Model), clock.GetUtcNow().UtcDateTime));
        try
        {
            await db.SaveChangesAsync(ct);
            if (request.SendNow) jobs.Trigger(MailDispatchJob.Id);
            return true;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }

    /// <summary>A stable Message-ID per mail (SH-9): derived from what the mail is about, so a retry is recognisably the same mail.</summary>
    public static string MessageIdFor(string dedupKey) =>
        $"{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(dedupKey)))[..32]}@teamshare";
}
