using Microsoft.Extensions.DependencyInjection;
using TeamShare.Invitations.Mail;

namespace TeamShare.IntegrationTests;

/// <summary>
/// A test class whose host sends mail to a real SMTP server (aiosmtpd) of its own. The server starts with the class unless a
/// test class wants to start it itself (to see mail wait while it is down).
/// </summary>
public abstract class WithMailServer : IDisposable
{
    protected readonly SmtpServer _smtp = new();
    protected readonly TeamShareFactory _factory;

    protected WithMailServer(bool startSmtp = true)
    {
        if (startSmtp) _smtp.Start();
        _factory = new TeamShareFactory { SmtpPort = _smtp.Port };
    }

    /// <summary>Runs the outbox's dispatch job once, as the scheduler would.</summary>
    protected async Task DispatchAsync(TeamShareFactory? factory = null)
    {
        using var scope = (factory ?? _factory).Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<MailDispatchJob>().RunAsync(CancellationToken.None);
    }

    public void Dispose()
    {
        _factory.Dispose();
        _smtp.Dispose();
        GC.SuppressFinalize(this);
    }
}

public static class ParsedMails
{
    /// <summary>The mails to an address, parsed, so a test reads the decoded subject and text (Polish letters, quoted-printable).</summary>
    public static IReadOnlyList<MimeKit.MimeMessage> MailsTo(this SmtpServer smtp, string address) =>
        smtp.MessagesTo(address).Select(raw => MimeKit.MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(raw)))).ToList();
}
