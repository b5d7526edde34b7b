using System.Net.Mail;

namespace TeamShare.SharedKernel.Text;

/// <summary>What TeamShare accepts as an e-mail address, wherever one is typed.</summary>
public static class EmailAddresses
{
    /// <summary>RFC 5321 §4.5.3.1: a local part of at most 64 octets and a path of at most 256, so 254 for the address.</summary>
    public const int MaxLength = 254;
    public const int MaxLocalPart = 64;

    /// <summary>
    /// The address itself (no display name), with a dotted domain, within RFC 5321's lengths (issue 27 L11: a 300-character
    /// local part was taken, and the mail could never be sent); null when it is not one.
    /// </summary>
    public static string? Parse(string? text)
    {
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > MaxLength || !MailAddress.TryCreate(trimmed, out var parsed)
            || parsed.Address != trimmed || !parsed.Host.Contains('.') || parsed.User.Length > MaxLocalPart)
            return null;
        return parsed.Address;
    }
}
