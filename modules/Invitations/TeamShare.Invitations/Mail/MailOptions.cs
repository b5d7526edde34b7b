namespace TeamShare.Invitations.Mail;

/// <summary>TeamShare:Smtp. With no host, mail is written as .eml files under the data directory's mail folder.</summary>
internal sealed class MailOptions
{
    public const string Section = "TeamShare:Smtp";
    public string? Host { get; set; }
    public int Port { get; set; } = 25;
    public bool UseTls { get; set; }
    public string? User { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "TeamShare <teamshare@localhost>";
}
