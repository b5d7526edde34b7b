using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TeamShare.SharedKernel.Observability;

namespace TeamShare.Invitations.Data;

/// <summary>Issue 23: the mail outbox as an operator graphs it: waiting, delayed after a failed try, and the oldest one's age.</summary>
internal sealed class MailGauges(TimeProvider clock) : IGaugeSource
{
    public async Task<IReadOnlyList<GaugeReading>> ReadAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var waiting = scope.ServiceProvider.GetRequiredService<InvitationsDbContext>().Outbox.AsNoTracking().Where(m => m.SentAt == null && m.FailedAt == null);
        var oldest = await waiting.MinAsync(m => (DateTime?)m.CreatedAt, ct);
        return
        [
            new GaugeReading(Gauges.MailWaiting, await waiting.CountAsync(ct)),
            new GaugeReading(Gauges.MailDelayed, await waiting.CountAsync(m => m.Attempts > 0, ct)),
            new GaugeReading(Gauges.MailOldestAge, oldest is { } at ? (clock.GetUtcNow().UtcDateTime - at).TotalSeconds : 0),
        ];
    }
}
