using Mediator;
using Microsoft.EntityFrameworkCore;
using TeamShare.Identity.Auth;
using TeamShare.Identity.Contracts;
using TeamShare.Identity.Data;
using TeamShare.SharedKernel.Caching;

namespace TeamShare.Identity.Directory;

internal sealed class GetPrincipalGroupsHandler(IdentityDbContext db, ChangeFeedCache<Guid, PrincipalGroups> cache) : IRequestHandler<GetPrincipalGroups, PrincipalGroups?>
{
    public ValueTask<PrincipalGroups?> Handle(GetPrincipalGroups request, CancellationToken ct) =>
        cache.GetOrLoadAsync(request.UserId, (Db: db, request.UserId), static async (read, ct) =>
        {
            // One round trip: the user row with its department ids (live membership, ID-5).
            var row = await read.Db.Users.AsNoTracking()
                .Where(u => u.Id == read.UserId)
                .Select(u => new
                {
                    u.Id, u.TeamId, u.IsActive,
                    Departments = read.Db.DepartmentMembers.Where(m => m.UserId == u.Id).Select(m => m.DepartmentId).ToList(),
                })
                .FirstOrDefaultAsync(ct);
            return row is null ? null : new PrincipalGroups(row.Id, row.TeamId, row.IsActive, row.Departments);
        }, ct);
}

internal sealed class FindUserByEmailHandler(IdentityDbContext db) : IRequestHandler<FindUserByEmail, UserSummary?>
{
    public async ValueTask<UserSummary?> Handle(FindUserByEmail request, CancellationToken ct)
    {
        var email = Principals.Normalize(request.Email);
        return await db.Users.AsNoTracking().Where(u => u.NormalizedEmail == email)
            .Select(u => new UserSummary(u.Id, u.TeamId, u.Email, u.DisplayName, u.Role, u.IsActive))
            .FirstOrDefaultAsync(ct);
    }
}

internal sealed class FindDepartmentByNameHandler(IdentityDbContext db) : IRequestHandler<FindDepartmentByName, Guid?>
{
    public async ValueTask<Guid?> Handle(FindDepartmentByName request, CancellationToken ct) =>
        await db.Departments.AsNoTracking()
            .Where(d => d.TeamId == request.TeamId && d.Name == request.Name)
            .Select(d => (Guid?)d.Id).FirstOrDefaultAsync(ct);
}

internal sealed class GetLinkSenderHandler(IdentityDbContext db) : IRequestHandler<GetLinkSender, LinkSender?>
{
    public async ValueTask<LinkSender?> Handle(GetLinkSender request, CancellationToken ct) =>
        await db.Teams.AsNoTracking().Where(t => t.Id == request.TeamId)
            .Select(t => new LinkSender(t.Name, db.Users.Where(u => u.Id == request.UserId && u.TeamId == t.Id).Select(u => u.DisplayName).FirstOrDefault()))
            .FirstOrDefaultAsync(ct);
}

internal sealed class GetUserNamesHandler(IdentityDbContext db) : IRequestHandler<GetUserNames, IReadOnlyDictionary<Guid, string>>
{
    public async ValueTask<IReadOnlyDictionary<Guid, string>> Handle(GetUserNames request, CancellationToken ct)
    {
        var ids = request.UserIds.Distinct().ToList();
        return await db.Users.AsNoTracking().Where(u => u.TeamId == request.TeamId && ids.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
    }
}

internal sealed class PrincipalExistsHandler(IdentityDbContext db) : IRequestHandler<PrincipalExists, bool>
{
    public async ValueTask<bool> Handle(PrincipalExists request, CancellationToken ct) => request.Kind switch
    {
        "organisation" => request.Id is null,
        "user" => await db.Users.AnyAsync(u => u.Id == request.Id && u.TeamId == request.TeamId && u.IsActive && u.RemovedAt == null, ct),
        "department" => await db.Departments.AnyAsync(d => d.Id == request.Id && d.TeamId == request.TeamId, ct),
        _ => false,
    };
}

internal sealed class ListTeamPrincipalsHandler(IdentityDbContext db) : IRequestHandler<ListTeamPrincipals, TeamPrincipals>
{
    public async ValueTask<TeamPrincipals> Handle(ListTeamPrincipals request, CancellationToken ct)
    {
        var users = await db.Users.AsNoTracking().Where(u => u.TeamId == request.TeamId && u.IsActive && u.RemovedAt == null)
            .OrderBy(u => u.DisplayName).Select(u => new NamedPrincipal(u.Id, u.DisplayName, u.Email, null)).ToListAsync(ct);
        var active = users.Select(u => u.Id).ToList();
        var departments = await db.Departments.AsNoTracking().Where(d => d.TeamId == request.TeamId).OrderBy(d => d.Name)
            .Select(d => new NamedPrincipal(d.Id, d.Name, null,
                db.DepartmentMembers.Count(m => m.DepartmentId == d.Id && active.Contains(m.UserId))))
            .ToListAsync(ct);
        return new TeamPrincipals(users, departments, users.Count);
    }
}

internal sealed class DescribePrincipalsHandler(IdentityDbContext db) : IRequestHandler<DescribePrincipals, PrincipalDescriptions>
{
    public async ValueTask<PrincipalDescriptions> Handle(DescribePrincipals request, CancellationToken ct)
    {
        var (userIds, departmentIds) = (request.UserIds.Distinct().ToList(), request.DepartmentIds.Distinct().ToList());
        var live = db.Users.AsNoTracking().Where(u => u.TeamId == request.TeamId && u.IsActive && u.RemovedAt == null);
        var users = userIds.Count == 0 ? new Dictionary<Guid, NamedPrincipal>()
            : await live.Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => new NamedPrincipal(u.Id, u.DisplayName, u.Email, null), ct);
        var departments = departmentIds.Count == 0 ? new Dictionary<Guid, NamedPrincipal>()
            : await db.Departments.AsNoTracking().Where(d => d.TeamId == request.TeamId && departmentIds.Contains(d.Id))
                .Select(d => new NamedPrincipal(d.Id, d.Name, null,
                    db.DepartmentMembers.Count(m => m.DepartmentId == d.Id && live.Any(u => u.Id == m.UserId))))
                .ToDictionaryAsync(d => d.Id, ct);
        return new PrincipalDescriptions(users, departments, await live.CountAsync(ct));
    }
}

internal sealed class GetUserContactsHandler(IdentityDbContext db) : IRequestHandler<GetUserContacts, IReadOnlyDictionary<Guid, UserContact>>
{
    public async ValueTask<IReadOnlyDictionary<Guid, UserContact>> Handle(GetUserContacts request, CancellationToken ct)
    {
        var ids = request.UserIds.Distinct().ToList();
        var teamLocale = await db.Teams.Where(t => t.Id == request.TeamId).Select(t => t.DefaultLocale).FirstOrDefaultAsync(ct);
        return await db.Users.AsNoTracking().Where(u => u.TeamId == request.TeamId && ids.Contains(u.Id) && u.RemovedAt == null)
            .ToDictionaryAsync(u => u.Id, u => new UserContact(u.DisplayName, u.Email, u.Locale ?? teamLocale ?? "en", u.TimeZone ?? "UTC"), ct);
    }
}

internal sealed class ResolveRecipientsHandler(IdentityDbContext db) : IRequestHandler<ResolveRecipients, ResolvedRecipients>
{
    public async ValueTask<ResolvedRecipients> Handle(ResolveRecipients r, CancellationToken ct)
    {
        var active = db.Users.AsNoTracking().Where(u => u.TeamId == r.TeamId && u.IsActive && u.RemovedAt == null);
        var userIds = r.Recipients.Where(p => p.Kind == "user" && p.Id is not null).Select(p => p.Id!.Value).Distinct().ToList();
        var departmentIds = r.Recipients.Where(p => p.Kind == "department" && p.Id is not null).Select(p => p.Id!.Value).Distinct().ToList();
        var wholeTeam = r.Recipients.Any(p => p.Kind == "organisation" && p.Id is null);

        var audiences = new Dictionary<RecipientRef, IReadOnlyList<AudienceMember>>();
        if (userIds.Count > 0)
            foreach (var u in await active.Where(u => userIds.Contains(u.Id)).Select(u => new AudienceMember(u.Id, u.DisplayName, u.Email)).ToListAsync(ct))
                audiences[new RecipientRef("user", u.UserId)] = [u];
        if (departmentIds.Count > 0)
        {
            var known = await db.Departments.AsNoTracking().Where(d => d.TeamId == r.TeamId && departmentIds.Contains(d.Id)).Select(d => d.Id).ToListAsync(ct);
            var byDepartment = (await db.DepartmentMembers.AsNoTracking().Where(m => known.Contains(m.DepartmentId))
                    .Join(active, m => m.UserId, u => u.Id, (m, u) => new { m.DepartmentId, Member = new AudienceMember(u.Id, u.DisplayName, u.Email) })
                    .ToListAsync(ct))
                .ToLookup(x => x.DepartmentId, x => x.Member);
            foreach (var id in known) audiences[new RecipientRef("department", id)] = byDepartment[id].OrderBy(m => m.DisplayName).ToList();
        }
        if (wholeTeam)
            audiences[new RecipientRef("organisation", null)] =
                await active.OrderBy(u => u.DisplayName).Select(u => new AudienceMember(u.Id, u.DisplayName, u.Email)).ToListAsync(ct);

        var byNormalized = r.Emails.DistinctBy(Principals.Normalize).ToDictionary(Principals.Normalize, e => e);
        var normalized = byNormalized.Keys.ToList();
        var members = normalized.Count == 0 ? []
            : await active.Where(u => normalized.Contains(u.NormalizedEmail))
                .Select(u => new { u.NormalizedEmail, Member = new AudienceMember(u.Id, u.DisplayName, u.Email) }).ToListAsync(ct);
        return new ResolvedRecipients(audiences, members.ToDictionary(m => byNormalized[m.NormalizedEmail], m => m.Member));
    }
}

internal sealed class GetAudienceHandler(IdentityDbContext db) : IRequestHandler<GetAudience, IReadOnlyList<AudienceMember>>
{
    public async ValueTask<IReadOnlyList<AudienceMember>> Handle(GetAudience r, CancellationToken ct)
    {
        var active = db.Users.AsNoTracking().Where(u => u.TeamId == r.TeamId && u.IsActive && u.RemovedAt == null);
        var people = r.Kind switch
        {
            "user" => active.Where(u => u.Id == r.Id),
            "department" => active.Where(u => db.DepartmentMembers.Any(m => m.UserId == u.Id && m.DepartmentId == r.Id)),
            "organisation" => active,
            _ => active.Where(_ => false),
        };
        return await people.OrderBy(u => u.DisplayName).Select(u => new AudienceMember(u.Id, u.DisplayName, u.Email)).ToListAsync(ct);
    }
}
