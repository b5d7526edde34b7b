using System.Globalization;
using Mediator;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using TeamShare.Identity.Auth;
using TeamShare.Identity.Data;
using TeamShare.SharedKernel.Http;
using TeamShare.SharedKernel.Jobs;
using TeamShare.SharedKernel.Security;

namespace TeamShare.Identity.DirectorySync;

/// <summary>Issue 29: what a sync would do now (<paramref name="Apply"/> false: nothing changes) or does.</summary>
internal sealed record SyncDirectory(Guid TeamId, bool Apply) : IRequest<Outcome<DirectorySyncDto>>;

internal sealed class SyncDirectoryHandler(IdentityDbContext db, LdapReader reader, IDataProtectionProvider protection, PasswordHashing hashing,
    TimeProvider clock) : IRequestHandler<SyncDirectory, Outcome<DirectorySyncDto>>
{
    public async ValueTask<Outcome<DirectorySyncDto>> Handle(SyncDirectory request, CancellationToken ct)
    {
        var settings = await db.Directories.FirstOrDefaultAsync(d => d.TeamId == request.TeamId, ct);
        if (settings is null) return Outcome<DirectorySyncDto>.Invalid("url", "Connect your directory first.", Refused.Unprocessable);
        DirectorySnapshot snapshot;
        try
        {
            snapshot = await reader.ReadAsync(settings,
                settings.ProtectedBindPassword is { } sealedPassword ? StoredSecrets.Unprotect(protection, StoredSecrets.BindPassword, sealedPassword) : null, ct);
        }
        catch (DirectoryUnavailableException e)
        {
            if (request.Apply) await RecordAsync(settings, e.Message, ct);
            return Outcome<DirectorySyncDto>.Invalid("url", e.Message, Refused.Unprocessable);
        }

        var members = await db.Users.Where(u => u.TeamId == request.TeamId).ToListAsync(ct);
        var known = members.Select(u => u.NormalizedEmail).ToHashSet();
        var unknown = snapshot.People.Select(p => Principals.Normalize(p.Email)).Where(e => !known.Contains(e)).Distinct().ToList();
        var elsewhere = (await db.Users.Where(u => u.TeamId != request.TeamId && unknown.Contains(u.NormalizedEmail)).Select(u => u.NormalizedEmail).ToListAsync(ct)).ToHashSet();
        var departments = await db.Departments.Where(d => d.TeamId == request.TeamId).ToListAsync(ct);
        var plan = SyncPlan.Make(snapshot, members, elsewhere, departments);
        if (!request.Apply) return Outcome<DirectorySyncDto>.Success(plan.Describe(members, applied: false));

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var person in plan.ToAdd)
        {
            var email = person.Email.Trim();
            var user = new User
            {
                Id = Guid.CreateVersion7(), TeamId = request.TeamId, Email = email, NormalizedEmail = Principals.Normalize(email),
                DisplayName = person.Name.Length is > 0 and <= 200 ? person.Name : email[..Math.Max(1, email.IndexOf('@'))],
                // They sign in through the team's single sign-on, or choose a password with "Forgot your password?".
                PasswordHash = hashing.Hash(Tokens.New(32)), Role = TeamRoles.Member, CreatedAt = now, DirectoryManaged = true,
            };
            db.Users.Add(user);
            members.Add(user);
        }
        foreach (var user in plan.ToMatch) user.DirectoryManaged = true;
        foreach (var user in plan.ToSuspend) (user.IsActive, user.SuspendedByDirectory) = (false, true);
        foreach (var user in plan.ToReactivate) (user.IsActive, user.SuspendedByDirectory) = (true, false);
        await FollowGroupsAsync(request.TeamId, plan, members, ct);
        settings.LastSyncAt = now;
        settings.LastSyncResult = string.Format(CultureInfo.InvariantCulture, "{0} added, {1} matched, {2} suspended, {3} back, {4} departments.",
            plan.ToAdd.Count, plan.ToMatch.Count, plan.ToSuspend.Count, plan.ToReactivate.Count, plan.Departments.Count);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return Outcome<DirectorySyncDto>.Fail(Refused.Conflict, "Sync already running", "Another sync of this directory ran at the same moment. Try again.", "sync_running");
        }
        await transaction.CommitAsync(ct);
        return Outcome<DirectorySyncDto>.Success(plan.Describe(members, applied: true));
    }

    private async Task FollowGroupsAsync(Guid teamId, SyncPlan plan, List<User> members, CancellationToken ct)
    {
        var idOf = members.Where(u => u.RemovedAt is null).ToDictionary(u => u.NormalizedEmail, u => u.Id);
        var existingIds = plan.Departments.Where(d => d.Existing is not null).Select(d => d.Existing!.Id).ToList();
        var current = (await db.DepartmentMembers.Where(m => existingIds.Contains(m.DepartmentId)).ToListAsync(ct)).ToLookup(m => m.DepartmentId);
        foreach (var planned in plan.Departments)
        {
            var department = planned.Existing;
            if (department is null)
                db.Departments.Add(department = new Department { Id = Guid.CreateVersion7(), TeamId = teamId, Name = planned.Name, DirectoryGroup = planned.Group });
            var wanted = planned.MemberEmails.Select(e => idOf[e]).ToHashSet();
            var have = current[department.Id].ToList();
            db.DepartmentMembers.RemoveRange(have.Where(m => !wanted.Contains(m.UserId)));
            foreach (var id in wanted.Except(have.Select(m => m.UserId)))
                db.DepartmentMembers.Add(new DepartmentMember { DepartmentId = department.Id, UserId = id });
        }
    }

    private async Task RecordAsync(TeamDirectory settings, string result, CancellationToken ct)
    {
        settings.LastSyncAt = clock.GetUtcNow().UtcDateTime;
        settings.LastSyncResult = result.Length > 1000 ? result[..1000] : result;
        await db.SaveChangesAsync(ct);
    }
}

/// <summary>Hourly: every connected directory is synced; one that cannot be read says why in its console and changes nothing.</summary>
internal sealed class DirectorySyncJob(IdentityDbContext db, IMediator mediator) : IRecurringJob
{
    public async Task RunAsync(CancellationToken ct)
    {
        var teams = await db.Directories.OrderBy(d => d.TeamId).Select(d => d.TeamId).ToListAsync(ct);
        foreach (var team in teams) await mediator.Send(new SyncDirectory(team, Apply: true), ct);
    }
}
