using Mediator;
using Microsoft.EntityFrameworkCore;
using TeamShare.Invitations.Contracts;
using TeamShare.Invitations.Data;
using TeamShare.SharedKernel.Jobs;

namespace TeamShare.Invitations.Mail;

internal sealed record ResentMail(int Queued);

/// <summary>
/// A team's admins (from /admin/mail or the API) or the operator (every team, after fixing the mail settings) resend. A mail
/// whose access was taken back meanwhile still sends nothing: the dispatch checks it again.
/// </summary>
internal sealed class ResendFailedMailHandler(InvitationsDbContext db, IJobTrigger jobs, TimeProvider clock) : IRequestHandler<ResendFailedMail, int>
{
    public async ValueTask<int> Handle(ResendFailedMail request, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var failed = db.Outbox.Where(m => m.FailedAt != null && m.SentAt == null);
        if (request.TeamId is { } team) failed = failed.Where(m => m.TeamId == team);
        var queued = await failed.ExecuteUpdateAsync(s => s
            .SetProperty(m => m.FailedAt, (DateTime?)null).SetProperty(m => m.Attempts, 0).SetProperty(m => m.LastError, (string?)null)
            .SetProperty(m => m.NextAttemptAt, now).SetProperty(m => m.CreatedAt, now)
            .SetProperty(m => m.LeaseUntil, (DateTime?)null).SetProperty(m => m.LeaseOwner, (Guid?)null), ct);
        if (queued > 0) jobs.Trigger(MailDispatchJob.Id);
        return queued;
    }
}
