using TeamShare.IntegrationTests;

namespace TeamShare.BrowserTests;

/// <summary>The host process with a real SMTP server (aiosmtpd) to send its mail to.</summary>
public sealed class HostWithMail : HostProcess
{
    public SmtpServer Smtp { get; } = new();

    protected override IEnumerable<KeyValuePair<string, string>> Settings() =>
        [new("TeamShare__Smtp__Host", "127.0.0.1"), new("TeamShare__Smtp__Port", Smtp.Port.ToString())];

    public override async Task InitializeAsync()
    {
        Smtp.Start();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Smtp.Dispose();
    }

    /// <summary>The mail job runs right after a share is sent; this waits for the <paramref name="nth"/> mail to land, at most 60 seconds.</summary>
    public async Task<string> WaitForMailTo(string address, int nth = 1)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (Smtp.MessagesTo(address) is { } mails && mails.Count >= nth) return mails[nth - 1];
            await Task.Delay(250);
        }
        throw new TimeoutException($"Mail {nth} did not reach {address}.");
    }
}
