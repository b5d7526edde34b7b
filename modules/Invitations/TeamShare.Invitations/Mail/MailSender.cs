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
    /// <summary>A session sends many mails over one SMTP connection (opened at the first mail, opened again after a failure).</summary>
    public MailSession OpenSession() => new(options.Value, teamShare.Value.FullDataDirectory);
}

internal sealed class MailSession(MailOptions o, string dataDirectory) : IAsyncDisposable
{
    private SmtpClient? _client;

    /// <summary>
    /// The message for one mail, or why it cannot be sent (Message null). Kept apart from <see cref="SendAsync"/> so a sender
    /// can make the next message while the server answers the one before (issue 24, B8).
    /// </summary>
    public (MimeMessage? Message, SendResult Result, string? Error) Compose(string messageId, string to, RenderedMail mail)
    {
        var message = new MimeMessage { Subject = mail.Subject, MessageId = messageId };
        // The sender is the server's setting (checked at start): if it does not parse, the server is at fault and the mail waits.
        if (!MailboxAddress.TryParse(o.From, out var from)) return (null, SendResult.TryLater, ServerFault($"TeamShare:Smtp:From \"{o.From}\" is not an address"));
        message.From.Add(from);
        try
        {
            message.To.Add(MailboxAddress.Parse(to));
        }
        catch (ParseException e)
        {
            // An address no mail server could take (say a.@example.org): never deliverable, so it fails now instead of forever.
            return (null, SendResult.Refused, $"Not a deliverable address: {e.Message}");
        }
        message.Body = new BodyBuilder { TextBody = mail.Text, HtmlBody = mail.Html }.ToMessageBody();
        if (mail.Unsubscribe is { } unsubscribe)
        {
            // RFC 8058: mail programs offer "Unsubscribe" and do it with a POST, so a scanner's GET is not needed to stop mails.
            message.Headers.Add("List-Unsubscribe", $"<{unsubscribe}>");
            message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        return (message, SendResult.Sent, null);
    }

    public async Task<(SendResult Result, string? Error)> SendAsync(MimeMessage message, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(o.Host))
        {
            var folder = Path.Combine(dataDirectory, "mail");
            Directory.CreateDirectory(folder);
            await message.WriteToAsync(Path.Combine(folder, $"{message.MessageId.Split('@')[0]}.eml"), ct);
            return (SendResult.Sent, null);
        }
        try
        {
            var client = await ConnectedAsync(ct);
            await client.SendAsync(message, ct);
            return (SendResult.Sent, null);
        }
        catch (SmtpCommandException e) when ((int)e.StatusCode >= 500 && e.ErrorCode != SmtpErrorCode.SenderNotAccepted)
        {
            return (SendResult.Refused, $"The mail server refused the mail ({(int)e.StatusCode}): {e.Message}");
        }
        catch (SmtpCommandException e) when (e.ErrorCode == SmtpErrorCode.SenderNotAccepted)
        {
            // The server turned away TeamShare's own sender address: nothing about the recipient, so the mail waits for the fix.
            return (SendResult.TryLater, ServerFault($"the mail server refused the sender address {o.From} ({(int)e.StatusCode}): {e.Message}"));
        }
        catch (Exception e) when (e is AuthenticationException or SslHandshakeException or NotSupportedException)
        {
            // Sign-in, TLS or a feature the server lacks (AUTH without a user setting): the server's configuration, retried.
            await DropAsync();
            return (SendResult.TryLater, ServerFault(e.Message));
        }
        catch (Exception e) when (e is SmtpCommandException or SmtpProtocolException or ServiceNotConnectedException or IOException
                                       or System.Net.Sockets.SocketException or TimeoutException)
        {
            await DropAsync();
            return (SendResult.TryLater, $"Could not deliver yet: {e.Message}");
        }
    }

    /// <summary>The reason shown for a failure of the server's own mail settings, so nobody blames the recipient.</summary>
    private static string ServerFault(string detail) =>
        $"TeamShare's mail settings need an operator's attention ({detail}); the mail waits and is tried again.";

    private async Task<SmtpClient> ConnectedAsync(CancellationToken ct)
    {
        if (_client is { IsConnected: true }) return _client;
        await DropAsync();
        _client = new SmtpClient { Timeout = 15_000 };
        await _client.ConnectAsync(o.Host, o.Port, o.UseTls ? SecureSocketOptions.StartTls : SecureSocketOptions.None, ct);
        if (!string.IsNullOrEmpty(o.User)) await _client.AuthenticateAsync(o.User, o.Password ?? "", ct);
        return _client;
    }

    private async Task DropAsync()
    {
        if (_client is null) return;
        try { if (_client.IsConnected) await _client.DisconnectAsync(true); }
        catch (Exception e) when (e is IOException or SmtpProtocolException or ServiceNotConnectedException or SmtpCommandException) { }
        _client.Dispose();
        _client = null;
    }

    public async ValueTask DisposeAsync() => await DropAsync();
}
