using Mediator;
using Microsoft.EntityFrameworkCore;
using TeamShare.Identity.Auth;
using TeamShare.SharedKernel.Security;
using TeamShare.Identity.Data;
using TeamShare.SharedKernel.Http;
using TeamShare.Spaces.Contracts;

namespace TeamShare.Identity.Admin;

/// <param name="TwoFactor">Whether their sign-in needs a code from an authenticator app (issue 29).</param>
internal sealed record MemberDto(Guid Id, string Email, string DisplayName, string Role, bool IsActive, IReadOnlyList<string> Departments, bool TwoFactor = false);

/// <param name="IsOperator">A server operator (<c>TeamShare:Operators</c>): only they make accounts with a password directly.</param>
internal sealed record Actor(Guid UserId, Guid TeamId, string Role, bool IsOperator = false)
{
    public static Actor Of(System.Security.Claims.ClaimsPrincipal user) => new(user.GetUserId(), user.GetTeamId(), user.GetTeamRole());

    public static Actor Of(System.Security.Claims.ClaimsPrincipal user, TeamShare.SharedKernel.Modules.TeamShareOptions options) =>
        Of(user) with { IsOperator = user.IsOperator(options.Operators) };
}

internal sealed record ListMembers(Guid TeamId) : IRequest<IReadOnlyList<MemberDto>>;

internal sealed class ListMembersHandler(IdentityDbContext db) : IRequestHandler<ListMembers, IReadOnlyList<MemberDto>>
{
    public async ValueTask<IReadOnlyList<MemberDto>> Handle(ListMembers request, CancellationToken ct)
    {
        var users = await db.Users.AsNoTracking().Where(u => u.TeamId == request.TeamId && u.RemovedAt == null)
            .OrderBy(u => u.DisplayName).ToListAsync(ct);
        var departments = await (from m in db.DepartmentMembers
                                 join d in db.Departments on m.DepartmentId equals d.Id
                                 where d.TeamId == request.TeamId
                                 select new { m.UserId, d.Name }).AsNoTracking().ToListAsync(ct);
        var byUser = departments.ToLookup(d => d.UserId, d => d.Name);
        return users.Select(u => new MemberDto(u.Id, u.Email, u.DisplayName, u.Role, u.IsActive, byUser[u.Id].Order().ToList(), u.TotpEnabledAt != null || u.HasPasskey)).ToList();
    }
}

/// <summary>
/// Adds a member. Without a password (how team admins add people) it is an invitation by mail, answered with 202 and the
/// invitation, whether or not the address has an account elsewhere (ID-1: no team learns of another's members). With a
/// password the account is made at once, which only a server operator may do: a team admin could otherwise hold an address
/// of another organisation and keep its rightful team from ever adding it (issue 14 finding 11).
/// </summary>
internal sealed record AddMember(Actor Actor, string? Email, string? DisplayName, string? Password, string? Role) : IRequest<Outcome<MemberDto>>;

internal sealed class AddMemberHandler(IdentityDbContext db, PasswordHashing hashing, TimeProvider clock)
    : IRequestHandler<AddMember, Outcome<MemberDto>>
{
    public async ValueTask<Outcome<MemberDto>> Handle(AddMember r, CancellationToken ct)
    {
        if (!r.Actor.IsOperator)
            return Outcome<MemberDto>.Invalid("password", "Leave the password empty: the person gets an invitation by mail and chooses their own.");
        if (MemberRules.NewMemberProblem(r.Actor, r.Email, r.DisplayName, r.Role) is { } problem) return Outcome<MemberDto>.Invalid(problem.Field, problem.Message);
        if (MemberRules.PasswordProblem(r.Password) is { } password) return Outcome<MemberDto>.Invalid("password", password);
        var role = r.Role ?? TeamRoles.Member;

        var normalized = Principals.Normalize(r.Email!);
        // Addresses are unique across the deployment (ID-2); the message does not say which team holds it (ID-1).
        if (await db.Users.AnyAsync(u => u.NormalizedEmail == normalized, ct))
            return Outcome<MemberDto>.Conflict("email", "This address already has a TeamShare account.");

        var user = new User
        {
            Id = Guid.CreateVersion7(), TeamId = r.Actor.TeamId, Email = r.Email!.Trim(), NormalizedEmail = normalized,
            DisplayName = r.DisplayName!.Trim(), PasswordHash = hashing.Hash(r.Password!), Role = role,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Users.Add(user);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException) { return Outcome<MemberDto>.Conflict("email", "This address already has a TeamShare account."); }
        return Outcome<MemberDto>.Success(new MemberDto(user.Id, user.Email, user.DisplayName, user.Role, true, []));
    }
}

internal sealed record UpdateMember(Actor Actor, Guid UserId, string? Role, bool? IsActive) : IRequest<Outcome<MemberDto>>;

internal sealed class UpdateMemberHandler(IdentityDbContext db) : IRequestHandler<UpdateMember, Outcome<MemberDto>>
{
    public async ValueTask<Outcome<MemberDto>> Handle(UpdateMember r, CancellationToken ct)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == r.UserId && u.TeamId == r.Actor.TeamId && u.RemovedAt == null, ct);
        if (user is null) return Outcome<MemberDto>.NotFound();
        if (r.Role is not null && MemberRules.RoleProblem(r.Role) is { } roleProblem) return Outcome<MemberDto>.Invalid("role", roleProblem);
        if (MemberRules.ActorProblem(r.Actor.Role, r.Actor.UserId, user, r.Role) is { } actorProblem)
            return Outcome<MemberDto>.Forbidden(actorProblem, "not_allowed");

        if (r.Role is not null) user.Role = r.Role;
        // Suspension takes effect on the member's next request: cookies and tokens are checked against IsActive every time.
        if (r.IsActive is not null) user.IsActive = r.IsActive.Value;
        await db.SaveChangesAsync(ct);
        return Outcome<MemberDto>.Success(new MemberDto(user.Id, user.Email, user.DisplayName, user.Role, user.IsActive, []));
    }
}

internal sealed record RemoveMember(Actor Actor, Guid UserId, Guid? TransferTo) : IRequest<Outcome<int>>;

internal sealed class RemoveMemberHandler(IdentityDbContext db, IMediator mediator, TimeProvider clock) : IRequestHandler<RemoveMember, Outcome<int>>
{
    public async ValueTask<Outcome<int>> Handle(RemoveMember r, CancellationToken ct)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == r.UserId && u.TeamId == r.Actor.TeamId && u.RemovedAt == null, ct);
        if (user is null) return Outcome<int>.NotFound();
        if (MemberRules.ActorProblem(r.Actor.Role, r.Actor.UserId, user, null) is { } actorProblem)
            return Outcome<int>.Forbidden(actorProblem, "not_allowed");
        if (r.TransferTo is not { } toId || toId == user.Id)
            return Outcome<int>.Invalid("transferTo", "Choose the member who receives this member's files.");
        var receiver = await db.Users.AsNoTracking()
            .FirstOrDefaultAsync(u => u.Id == toId && u.TeamId == r.Actor.TeamId && u.IsActive && u.RemovedAt == null, ct);
        if (receiver is null) return Outcome<int>.Invalid("transferTo", "Choose an active member of your team.");

        // Access ends first, then the files move; the transfer is idempotent, so a failure here is repaired by trying again.
        user.IsActive = false;
        await db.SaveChangesAsync(ct);
        var moved = await mediator.Send(new TransferOwnedItems(user.TeamId, user.Id, receiver.Id, user.DisplayName), ct);
        user.RemovedAt = clock.GetUtcNow().UtcDateTime;
        await db.DepartmentMembers.Where(m => m.UserId == user.Id).ExecuteDeleteAsync(ct);
        await db.AccessTokens.Where(t => t.UserId == user.Id && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, user.RemovedAt), ct);
        await db.SaveChangesAsync(ct);
        return Outcome<int>.Success(moved);
    }
}
