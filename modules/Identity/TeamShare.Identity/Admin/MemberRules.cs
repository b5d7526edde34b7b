using System.Net.Mail;
using TeamShare.Identity.Data;

namespace TeamShare.Identity.Admin;

/// <summary>ID-2/ID-3 rules shared by every way of changing members.</summary>
internal static class MemberRules
{
    public const int MinPasswordLength = 10;

    public static string? EmailProblem(string? email) =>
        TeamShare.SharedKernel.Text.EmailAddresses.Parse(email) is null ? "Enter an e-mail address like name@example.com." : null;

    /// <summary>What is wrong with a new member's address, name or role, checked alike for accounts and invitations.</summary>
    public static (string Field, string Message)? NewMemberProblem(Actor actor, string? email, string? displayName, string? role)
    {
        if (EmailProblem(email) is { } emailProblem) return ("email", emailProblem);
        if (DisplayNameProblem(displayName) is { } nameProblem) return ("displayName", nameProblem);
        if (RoleProblem(role ?? TeamRoles.Member) is { } roleProblem) return ("role", roleProblem);
        if (role == TeamRoles.Owner && actor.Role != TeamRoles.Owner) return ("role", "Only an owner can add an owner.");
        return null;
    }

    /// <summary>A person's name, however it is set (by an admin, an invitation, or its owner on their account).</summary>
    public static string? DisplayNameProblem(string? displayName) =>
        string.IsNullOrWhiteSpace(displayName) || displayName.Trim().Length > 200 ? "Enter a name of 1 to 200 characters."
        // The name goes into mail subjects and headers; a line break there would cut or forge them.
        : displayName.Any(char.IsControl) ? "A name cannot contain line breaks or other control characters."
        : null;

    public static string? RoleProblem(string? role) =>
        role is null || !TeamRoles.All.Contains(role) ? "Choose owner, admin or member." : null;

    public static string? PasswordProblem(string? password) =>
        password is null || password.Length < MinPasswordLength ? $"Use at least {MinPasswordLength} characters." : null;

    /// <summary>Only owners make, change, suspend or remove owners; nobody changes their own standing.</summary>
    public static string? ActorProblem(string actorRole, Guid actorId, User target, string? newRole)
    {
        if (target.Id == actorId) return "You cannot change your own role or access; ask another owner or admin.";
        if (actorRole != TeamRoles.Owner && (target.Role == TeamRoles.Owner || newRole == TeamRoles.Owner))
            return "Only an owner can change an owner or make someone an owner.";
        return null;
    }
}
