using System.Text.Json;
using Mediator;
using Microsoft.Extensions.Options;
using MimeKit;
using TeamShare.SharedKernel.Modules;
using TeamShare.Identity.Contracts;
using Microsoft.EntityFrameworkCore;
using TeamShare.Invitations.Data;
using TeamShare.Invitations.External;
using TeamShare.Invitations.Invite;
using TeamShare.SharedKernel.Data;
using TeamShare.SharedKernel.Jobs;
using TeamShare.SharedKernel.Observability;

namespace TeamShare.Invitations.Mail;

/// <summary>
/// JB-2: first applies any invitation whose grant a crash left unapplied, then sends due mail with a lease. 4xx answers and
/// connection failures are retried with backoff; 5xx answers fail for good and show to the sender. A mail about an
/// invitation goes out only once its grant exists, so nobody is invited to something they cannot open.
/// </summary>
internal sealed class MailDispatchJob(InvitationsDbContext db, InvitationApplier applier, MailTemplates templates, MailSender sender,
    ExternalLinks links, IMediator mediator, IOptions<TeamShareOptions> options, TimeProvider clock) : IRecurringJob
{
    public const string Id = "invitations-mail";

    /// <summary>Batches one run may send before it leaves the rest to the next run (so one run never holds the worker for long).</summary>
    private const int MaxBatches = 40;

    public async Task RunAsync(CancellationToken ct)
    {
        await applier.ApplyPendingAsync(ct);
        var unapplied = await db.Invitations.AsNoTracking().Where(i => i.AppliedAt == null).Select(i => i.Id).ToListAsync(ct);
        // One SMTP connection for the whole run; every mail is saved as sent right after it went, so a crash resends at most one.
        await using var session = sender.OpenSession();
        try
        {
            await SendDueAsync(session, unapplied, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // A graceful stop: the rest of the claimed batch (what the context still tracks) goes back now, so another
            // instance sends it without waiting for the lease.
            await Outbox.ReleaseAsync(db.Outbox, db.ChangeTracker.Entries<OutboxMail>().Select(e => e.Entity).ToList());
            throw;
        }
    }

    private async Task SendDueAsync(MailSession session, List<Guid> unapplied, CancellationToken ct)
    {
        for (var batches = 0; batches < MaxBatches; batches++)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var batch = await Outbox.ClaimDueAsync(db.Outbox, now, 50, options.Value.OutboxLease, ct);
            if (batch.Count == 0) break;
            // The invitations behind the batch's external mails in one query, not one per mail.
            var invitationIds = batch.Where(m => m.InvitationId is not null).Select(m => m.InvitationId!.Value).ToList();
            var invitations = await db.Invitations.AsNoTracking().Where(i => invitationIds.Contains(i.Id) && i.RecipientKind == "external")
                .ToDictionaryAsync(i => i.Id, ct);
            var attempted = 0;
            // One mail is on its way while the next is made: the server's answer and the next rendering overlap (issue 24, B8).
            // The next goes out only once the one before is saved, so a crash still resends at most one.
            (OutboxMail Mail, Task<(SendResult, string?)> Sending)? onItsWay = null;
            foreach (var mail in batch)
            {
                if (mail.InvitationId is { } invitation && unapplied.Contains(invitation))
                {
                    mail.LeaseUntil = null;
                    continue;
                }
                attempted++;
                MimeMessage? message;
                try
                {
                    message = await ComposeAsync(session, mail, invitations, now, ct);
                }
                finally
                {
                    if (onItsWay is { } before)
                    {
                        onItsWay = null;
                        await RecordAsync(before.Mail, await before.Sending, now, ct);
                    }
                }
                if (message is null)
                {
                    await SaveAsync(mail, ct);
                    continue;
                }
                onItsWay = (mail, session.SendAsync(message, ct));
            }
            if (onItsWay is { } last) await RecordAsync(last.Mail, await last.Sending, now, ct);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            if (attempted == 0) break;
        }
    }

    /// <summary>The mail's message, or null with the reason it cannot go recorded on it (taken back, expired, bad address).</summary>
    private async Task<MimeMessage?> ComposeAsync(MailSession session, OutboxMail mail, Dictionary<Guid, Invitation> invitations, DateTime now,
        CancellationToken ct)
    {
        var model = JsonSerializer.Deserialize<Dictionary<string, string>>(mail.ModelJson) ?? [];
        if (model.TryGetValue(ExternalLinks.BaseKey, out var linkBase) && !SignExternalLink(mail, model, linkBase, invitations, now)) return null;
        if (model.TryGetValue(IssueMailLinkToken.KindKey, out var kind) && !await SignMailLinkAsync(mail, model, kind, now, ct)) return null;
        var (message, result, error) = session.Compose(mail.MessageId, mail.To, templates.Render(mail.Template, model));
        if (message is null) Record(mail, result, error, now);
        return message;
    }

    private async Task RecordAsync(OutboxMail mail, (SendResult Result, string? Error) sent, DateTime now, CancellationToken ct)
    {
        Record(mail, sent.Result, sent.Error, now);
        await SaveAsync(mail, ct);
    }

    private static void Record(OutboxMail mail, SendResult result, string? error, DateTime now)
    {
        switch (result)
        {
            case SendResult.Sent:
                Outbox.Sent(mail, now);
                // What a mail said (a sign-in code, a reset or an outside link's base) is not kept once it went (issue 27 L6).
                mail.ModelJson = "{}";
                TeamShareMetrics.MailsSent.Add(1);
                break;
            case SendResult.Refused:
                Outbox.Fail(mail, now, error!);
                TeamShareMetrics.MailsFailed.Add(1);
                break;
            default: Outbox.Retry(mail, now, error!); break;
        }
    }

    /// <summary>
    /// Each mail's outcome is saved right after it went, so a crash resends at most one. One UPDATE of the row, not a save of
    /// the context: EF Core's save (change detection, its interceptors, command building) took longer than the statement, once
    /// per mail (issue 24, B8). The entry is then marked saved, so the batch's closing save does not write it again.
    /// </summary>
    private async Task SaveAsync(OutboxMail mail, CancellationToken ct)
    {
        await db.Database.ExecuteSqlAsync($"""
            UPDATE "invitations_outbox"
            SET "Attempts" = {mail.Attempts},
                "NextAttemptAt" = {mail.NextAttemptAt},
                "LeaseUntil" = {mail.LeaseUntil},
                "SentAt" = {mail.SentAt},
                "FailedAt" = {mail.FailedAt},
                "LastError" = {mail.LastError},
                "ModelJson" = {mail.ModelJson}
            WHERE "Id" = {mail.Id}
            """, ct);
        var entry = db.Entry(mail);
        entry.OriginalValues.SetValues(entry.CurrentValues);
        entry.State = EntityState.Unchanged;
    }

    /// <summary>A password-reset or join link, like an external one, exists only in the mail: its token is made now.</summary>
    private async Task<bool> SignMailLinkAsync(OutboxMail mail, Dictionary<string, string> model, string kind, DateTime now, CancellationToken ct)
    {
        var token = Guid.TryParse(model.GetValueOrDefault(IssueMailLinkToken.SubjectKey), out var id) && IssueMailLinkToken.PathOf(kind) is not null
            ? await mediator.Send(new IssueMailLinkToken(kind, id), ct) : null;
        if (token is null)
        {
            Outbox.Fail(mail, now, "What this mail was for was used, canceled or expired before it went out.");
            return false;
        }
        model["link"] = $"{model.GetValueOrDefault(IssueMailLinkToken.LinkBaseKey)}{IssueMailLinkToken.PathOf(kind)}?token={token}";
        return true;
    }

    /// <summary>
    /// An external recipient's link exists only in the mail: signed now from the invitation as it stands, so a row of the
    /// outbox never holds a usable link. An invitation taken back before its mail went out sends nothing.
    /// </summary>
    private bool SignExternalLink(OutboxMail mail, Dictionary<string, string> model, string linkBase, Dictionary<Guid, Invitation> invitations,
        DateTime now)
    {
        var invitation = mail.InvitationId is { } id ? invitations.GetValueOrDefault(id) : null;
        if (invitation is not { RevokedAt: null, ExternalExpiresAt: { } expires } || expires <= now)
        {
            Outbox.Fail(mail, now, "The access was taken back or expired before this mail went out.");
            return false;
        }
        model["link"] = $"{linkBase}/x/{links.Sign(invitation.Id, invitation.Version, expires)}";
        return true;
    }
}
