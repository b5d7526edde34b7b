using Mediator;
using Microsoft.EntityFrameworkCore;
using TeamShare.Identity.Admin;
using TeamShare.Identity.Auth;
using TeamShare.Identity.Data;
using TeamShare.SharedKernel.Http;
using TeamShare.SharedKernel.Security;

namespace TeamShare.Identity.SingleSignOn;

/// <summary>
/// Issue 29: the team's provider vouched for a person. The account is the one with the provider's verified e-mail in this
/// team only (one team's provider never signs anyone into another); a first sign-in makes a member when the owner allows it
/// and the address is of one of the team's proven domains. With a groups claim configured, the person's directory departments
/// become exactly the groups it lists (the departments an admin made are left alone).
/// </summary>
/// <param name="Groups">Null when the team reads no groups claim.</param>
internal sealed record CompleteSingleSignOn(Guid TeamId, string? Email, bool EmailVerified, string? Name, IReadOnlyList<string>? Groups)
    : IRequest<Outcome<User>>;

internal sealed class CompleteSingleSignOnHandler(IdentityDbContext db, PasswordHashing hashing, TimeProvider clock)
    : IRequestHandler<CompleteSingleSignOn, Outcome<User>>
{
    private const int MaxGroups = 200;

    public async ValueTask<Outcome<User>> Handle(CompleteSingleSignOn r, CancellationToken ct)
    {
        var settings = await db.SingleSignOn.AsNoTracking().FirstOrDefaultAsync(x => x.TeamId == r.TeamId, ct);
        if (settings is null) return Refused("sso_off");
        var email = r.Email is { Length: > 0 and <= 320 } e && e.Contains('@') ? e.Trim() : null;
        if (email is null || !r.EmailVerified) return Refused("email_unverified");
        var normalized = Principals.Normalize(email);

        var user = await db.Users.FirstOrDefaultAsync(u => u.NormalizedEmail == normalized, ct);
        if (user is not null && user.TeamId != r.TeamId) return Refused("no_account");
        if (user is null)
        {
            var domain = EmailDomains.Of(normalized);
            if (!settings.CreateAccounts || domain is null
                || !await db.EmailDomains.AnyAsync(d => d.TeamId == r.TeamId && d.Domain == domain && d.VerifiedAt != null, ct))
                return Refused("no_account");
            user = new User
            {
                Id = Guid.CreateVersion7(), TeamId = r.TeamId, Email = email, NormalizedEmail = normalized,
                DisplayName = r.Name is { Length: > 0 and <= 200 } name ? name.Trim() : email[..email.IndexOf('@')],
                // No password of their own: the provider signs them in. An unknown random one keeps the password check's timing.
                PasswordHash = hashing.Hash(Tokens.New(32)), Role = TeamRoles.Member, CreatedAt = clock.GetUtcNow().UtcDateTime,
            };
            db.Users.Add(user);
        }
        if (!user.IsActive || user.RemovedAt is not null) return Refused("suspended");
        if (r.Groups is not null) await FollowGroupsAsync(user, r.Groups, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The same person's first sign-in in another tab made the account a moment ago; this one may sign in next time.
            return Refused("retry");
        }
        return Outcome<User>.Success(user);
    }

    private static Outcome<User> Refused(string reason) => Outcome<User>.Forbidden(reason, reason);

    private async Task FollowGroupsAsync(User user, IReadOnlyList<string> claimed, CancellationToken ct)
    {
        var groups = claimed.Select(g => g.Trim()).Where(g => g.Length is > 0 and <= 180).Distinct(StringComparer.Ordinal).Take(MaxGroups).ToList();
        var departments = await db.Departments.Where(d => d.TeamId == user.TeamId && d.DirectoryGroup != null && groups.Contains(d.DirectoryGroup)).ToListAsync(ct);
        var missing = groups.Except(departments.Select(d => d.DirectoryGroup!)).ToList();
        if (missing.Count > 0)
        {
            // A department an admin made may already carry the group's name; the directory's own gets a suffix beside it.
            var taken = await db.Departments.Where(d => d.TeamId == user.TeamId && missing.Contains(d.Name)).Select(d => d.Name).ToListAsync(ct);
            foreach (var group in missing)
            {
                var department = new Department { Id = Guid.CreateVersion7(), TeamId = user.TeamId, Name = DirectoryDepartments.NameFor(group, taken), DirectoryGroup = group };
                db.Departments.Add(department);
                departments.Add(department);
            }
        }
        var wanted = departments.Select(d => d.Id).ToHashSet();
        var current = await (from m in db.DepartmentMembers
                             join d in db.Departments on m.DepartmentId equals d.Id
                             where m.UserId == user.Id && d.DirectoryGroup != null
                             select m).ToListAsync(ct);
        db.DepartmentMembers.RemoveRange(current.Where(m => !wanted.Contains(m.DepartmentId)));
        foreach (var id in wanted.Except(current.Select(m => m.DepartmentId)))
            db.DepartmentMembers.Add(new DepartmentMember { DepartmentId = id, UserId = user.Id });
    }
}
