using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using TeamShare.SharedKernel.Modules;

namespace TeamShare.Invitations.Mail;

internal enum SendResult { Sent, TryLater, Refused }

/// <summary>SMTP through MailKit, or an .eml file in the data directory when no SMTP host is configured (SH-9).</summary>
internal sealed class MailSender(IOptions<MailOptions> options, IOptions<TeamShareOptions> teamShare)
{
    public async Task<(SendResult Result, string? Error)> SendAsync(string messageId, string to, RenderedMail mail, CancellationToken ct)
    {
        var o = options.Value;
        var message = new MimeMessage { Subject = mail.Subject, MessageId = messageId };
        message.From.Add(MailboxAddress.Parse(o.From));
        message.To.Add(MailboxAddress.Parse(to));
        message.Body = new BodyBuilder { TextBody = mail.Text, HtmlBody = mail.Html }.ToMessageBody();

        if (string.IsNullOrWhiteSpace(o.Host))
        {
            var folder = Path.Combine(teamShare.Value.FullDataDirectory, "mail");
            Directory.CreateDirectory(folder);
            await message.WriteToAsync(Path.Combine(folder, $"{messageId.Split('@')[0]}.eml"), ct);
            return (SendResult.Sent, null);
        }
        try
        {
            using var client = new SmtpClient { Timeout = 15_000 };
            await client.ConnectAsync(o.Host, o.Port, o.UseTls ? SecureSocketOptions.StartTls : SecureSocketOptions.None, ct);
            if (!string.IsNullOrEmpty(o.User)) await client.AuthenticateAsync(o.User, o.Password ?? "", ct);
            await client.SendAsync(message, ct);
            await client.DisconnectAsync(true, ct);
            return (SendResult.Sent, null);
        }
        catch (SmtpCommandException e) when ((int)e.StatusCode >= 500)
        {
            return (SendResult.Refused, $"The mail server refused the mail ({(int)e.StatusCode}): {e.Message}");
        }
        catch (Exception e) when (e is SmtpCommandException or SmtpProtocolException or ServiceNotConnectedException or IOException
                                       or System.Net.Sockets.SocketException or TimeoutException)
        {
            return (SendResult.TryLater, $"Could not deliver yet: {e.Message}");
        }
    }
}
