using Mediator;
using TeamShare.Invitations.Contracts;

namespace TeamShare.Host.Startup;

/// <summary>
/// <c>TeamShare.Host resend-failed-mail</c>, run with the deployment's settings after its mail settings were fixed: every
/// team's undeliverable mail goes back into the queue, and the running instances send it at their next sweep (issue 23).
/// </summary>
internal static class ResendFailedMailCommand
{
    public const string Verb = "resend-failed-mail";

    public static async Task<int> RunAsync(IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var queued = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new ResendFailedMail(null), ct);
        Console.WriteLine($"{queued} undeliverable mails queued again; the running instances send them at their next sweep.");
        return 0;
    }
}
