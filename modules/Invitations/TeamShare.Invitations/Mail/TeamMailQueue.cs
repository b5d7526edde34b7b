using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using TeamShare.Identity.Contracts;
using TeamShare.Invitations.Data;
using TeamShare.SharedKernel.Data;
using TeamShare.SharedKernel.Jobs;
using TeamShare.SharedKernel.Security;
using TeamShare.SharedKernel.Validation;

namespace TeamShare.Invitations.Mail;

internal sealed record TeamMailDto(Guid Id, string To, string Kind, string Status, int Attempts, string? LastError, string? Sender,
    DateTime CreatedAt, DateTime? NextAttemptAt, DateTime? SentAt, DateTime? FailedAt);

internal sealed record MailCounts(int Pending, int Delayed, int Failed, int Sent);

internal sealed record TeamMailQueueDto(MailCounts Counts, IReadOnlyList<JobRun> Sweeps, IReadOnlyList<TeamMailDto> Mails);

/// <summary>
/// Issue 14 item 1: what a team's admins may see of the background work, read-only and only their team's: its mail (waiting,
/// delayed with the next try, undeliverable with the reason) and when the sweeps last ran. The job dashboard itself, which
/// acts on every team, stays with the server's operators. Mail models (which may hold links) are never shown.
/// </summary>
internal sealed record TeamMailQueue(Guid TeamId, string? Status) : IRequest<TeamMailQueueDto>
{
    public const int Limit = 200;
    public static readonly string[] Statuses = ["pending", "delayed", "failed", "sent"];

    public static async Task<Microsoft.AspNetCore.Http.HttpResults.Ok<TeamMailQueueDto>> Endpoint(string? status, ClaimsPrincipal user, IMediator mediator,
        CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new TeamMailQueue(user.GetTeamId(), status), ct));
}

internal sealed class TeamMailQueueValidator : IValidator<TeamMailQueue>
{
    public IReadOnlyDictionary<string, string[]> Validate(TeamMailQueue request) =>
        request.Status is { } status && !TeamMailQueue.Statuses.Contains(status)
            ? Invalid.Field("status", "Choose pending, delayed, failed or sent.")
            : Invalid.None;
}

internal sealed class TeamMailQueueHandler(InvitationsDbContext db, IMediator mediator, IJobSchedule schedule) : IRequestHandler<TeamMailQueue, TeamMailQueueDto>
{
    public async ValueTask<TeamMailQueueDto> Handle(TeamMailQueue request, CancellationToken ct)
    {
        var (teamId, status) = (request.TeamId, request.Status);
        var team = db.Outbox.AsNoTracking().Where(m => m.TeamId == teamId);
        var counts = await team.GroupBy(_ => 1).Select(g => new MailCounts(
            g.Count(m => m.SentAt == null && m.FailedAt == null && m.Attempts == 0),
            g.Count(m => m.SentAt == null && m.FailedAt == null && m.Attempts > 0),
            g.Count(m => m.FailedAt != null),
            g.Count(m => m.SentAt != null))).FirstOrDefaultAsync(ct) ?? new MailCounts(0, 0, 0, 0);
        var filtered = status switch
        {
            "pending" => team.Where(m => m.SentAt == null && m.FailedAt == null && m.Attempts == 0),
            "delayed" => team.Where(m => m.SentAt == null && m.FailedAt == null && m.Attempts > 0),
            "failed" => team.Where(m => m.FailedAt != null),
            "sent" => team.Where(m => m.SentAt != null),
            _ => team,
        };
        var rows = await filtered.OrderByDescending(m => m.CreatedAt).Take(TeamMailQueue.Limit).ToListAsync(ct);
        var senders = await mediator.Send(new GetUserNames(teamId, rows.Where(m => m.SenderId is not null).Select(m => m.SenderId!.Value).Distinct().ToList()), ct);
        var mails = rows.Select(m => new TeamMailDto(m.Id, m.To, m.Template, Outbox.StatusOf(m), m.Attempts, m.LastError,
            m.SenderId is { } s ? senders.GetValueOrDefault(s, "a former member") : null, m.CreatedAt,
            m.SentAt is null && m.FailedAt is null ? m.NextAttemptAt : null, m.SentAt, m.FailedAt)).ToList();
        var sweeps = schedule.Runs().Where(r => r.Id is MailDispatchJob.Id or "invitations-expiry-reminders").ToList();
        return new TeamMailQueueDto(counts, sweeps, mails);
    }

    /// <summary>GET /api/admin/mail?status=pending|delayed|failed|sent: the team's newest 200 mails and the counts by status.</summary>
}
