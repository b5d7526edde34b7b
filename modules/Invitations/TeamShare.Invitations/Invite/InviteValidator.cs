using TeamShare.SharedKernel.Validation;
using System.Net.Mail;
using Mediator;
using TeamShare.SharedKernel.Http;

namespace TeamShare.Invitations.Invite;

/// <summary>What an invitation batch must look like before anything is looked up: 1 to 50 recipients of known kinds, a role
/// that can be granted, a message of at most 2000 characters.</summary>
internal static class InviteValidator
{
    public const string NotARecipient = "Choose a member, a department, the whole organisation or an e-mail address.";

    public sealed record Asked(int Index, string Kind, Guid? Id, string? Email);

    /// <summary>The batch line by line, or (with <paramref name="problem"/> set) the first thing wrong with it.</summary>
    public static IReadOnlyList<Asked> Validate(InviteRequest body, out Outcome<Unit>? problem)
    {
        problem = null;
        if (body.Recipients is not { Count: > 0 and <= 50 }) problem = Outcome<Unit>.Invalid("recipients", "Add 1 to 50 recipients.");
        else if (body.Role is not ("viewer" or "editor"))
            problem = Outcome<Unit>.Invalid("role", body.Role == "owner" ? "Nobody can be invited as owner; ownership moves only by transfer." : "Choose viewer or editor.");
        else if (body.Message is { Length: > 2000 }) problem = Outcome<Unit>.Invalid("message", "Use at most 2000 characters.");
        if (problem is not null) return [];

        var asked = new List<Asked>();
        foreach (var (r, index) in body.Recipients!.Select((r, i) => (r, i)))
        {
            // {"recipients":[null]} is a recipient of no kind, refused like any other (issue 14: it was a 500).
            Asked? line = r?.Kind switch
            {
                "user" or "department" when r.Id is not null => new(index, r.Kind, r.Id, null),
                "organisation" => new(index, r.Kind, null, null),
                // Checked with the parser that will send it too (MimeKit), so an address is refused now, not undeliverable later.
                "external" when TeamShare.SharedKernel.Text.EmailAddresses.Parse(r.Email) is { } address
                                && MimeKit.MailboxAddress.TryParse(address, out _) => new(index, r.Kind, null, address),
                _ => null,
            };
            if (line is null)
            {
                problem = Outcome<Unit>.Invalid($"recipients[{index}]", NotARecipient);
                return [];
            }
            asked.Add(line);
        }
        return asked;
    }
}

/// <summary>The same checks at the API's door, so a malformed batch is refused before anything is looked up.</summary>
internal sealed class InviteBodyValidator : IValidator<InviteRequest>
{
    public IReadOnlyDictionary<string, string[]> Validate(InviteRequest body)
    {
        InviteValidator.Validate(body, out var problem);
        return problem?.Errors ?? new Dictionary<string, string[]>();
    }
}
