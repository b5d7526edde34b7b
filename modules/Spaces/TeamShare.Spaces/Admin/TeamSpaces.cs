using Mediator;
using Microsoft.EntityFrameworkCore;
using TeamShare.Identity.Contracts;
using TeamShare.SharedKernel.Http;
using TeamShare.Spaces.Contracts;
using TeamShare.Spaces.Data;
using TeamShare.Spaces.Items;

namespace TeamShare.Spaces.Admin;

internal sealed record SpaceAccessDto(Guid GrantId, string Kind, Guid? PrincipalId, AccessRole Role);
internal sealed record TeamSpaceDto(Guid Id, string Name, Guid RootFolderId, IReadOnlyList<SpaceAccessDto> Access);
internal sealed record CreateTeamSpaceRequest(string? Name);
internal sealed record SpaceAccessRequest(string? Kind, Guid? Id, AccessRole? Role);

// SP-1: admins create team spaces and give members, departments or the whole team a role in them. A team space's top
// folder belongs to nobody, so no admin silently owns everything in it; people reach it through these grants.

internal sealed record ListTeamSpaces(Guid TeamId) : IRequest<IReadOnlyList<TeamSpaceDto>>;
internal sealed record CreateTeamSpace(Guid TeamId, string? Name) : IRequest<Outcome<TeamSpaceDto>>;
internal sealed record GrantTeamSpaceAccess(Guid TeamId, Guid AdminId, Guid SpaceId, SpaceAccessRequest Access) : IRequest<Outcome<SpaceAccessDto>>;
internal sealed record RevokeTeamSpaceAccess(Guid TeamId, Guid SpaceId, Guid GrantId) : IRequest<bool>;

internal sealed class ListTeamSpacesHandler(SpacesDbContext db) : IRequestHandler<ListTeamSpaces, IReadOnlyList<TeamSpaceDto>>
{
    public async ValueTask<IReadOnlyList<TeamSpaceDto>> Handle(ListTeamSpaces request, CancellationToken ct)
    {
        var teamId = request.TeamId;
        var spaces = await db.Spaces.AsNoTracking().Where(s => s.TeamId == teamId && s.Kind == SpaceKinds.Team).OrderBy(s => s.Name).ToListAsync(ct);
        var roots = spaces.Select(s => s.RootItemId).ToList();
        var grants = await db.Grants.AsNoTracking().Where(g => roots.Contains(g.ItemId)).ToListAsync(ct);
        var byRoot = grants.ToLookup(g => g.ItemId);
        return spaces.Select(s => new TeamSpaceDto(s.Id, s.Name, s.RootItemId,
            byRoot[s.RootItemId].Select(g => new SpaceAccessDto(g.Id, g.PrincipalKind, g.PrincipalId, g.Role)).ToList())).ToList();
    }
}

internal sealed class CreateTeamSpaceHandler(SpacesDbContext db, TimeProvider clock) : IRequestHandler<CreateTeamSpace, Outcome<TeamSpaceDto>>
{
    public async ValueTask<Outcome<TeamSpaceDto>> Handle(CreateTeamSpace request, CancellationToken ct)
    {
        var (teamId, name) = (request.TeamId, request.Name?.Trim());
        if (ItemNames.Problem(name) is { } problem) return Outcome<TeamSpaceDto>.Invalid("name", problem);
        if (await db.Spaces.AnyAsync(s => s.TeamId == teamId && s.Kind == SpaceKinds.Team && s.Name == name, ct))
            return Outcome<TeamSpaceDto>.Conflict("name", "A team space with this name exists.");
        var space = PersonalSpaces.NewSpace(teamId, SpaceKinds.Team, name!, null, Guid.Empty, clock.GetUtcNow().UtcDateTime, out var root);
        db.Spaces.Add(space);
        db.Items.Add(root);
        await db.SaveChangesAsync(ct);
        return Outcome<TeamSpaceDto>.Success(new TeamSpaceDto(space.Id, space.Name, root.Id, []));
    }
}

internal sealed class GrantTeamSpaceAccessHandler(SpacesDbContext db, IMediator mediator, TimeProvider clock)
    : IRequestHandler<GrantTeamSpaceAccess, Outcome<SpaceAccessDto>>
{
    public async ValueTask<Outcome<SpaceAccessDto>> Handle(GrantTeamSpaceAccess request, CancellationToken ct)
    {
        var (teamId, adminId, spaceId, r) = (request.TeamId, request.AdminId, request.SpaceId, request.Access);
        var space = await db.Spaces.AsNoTracking().FirstOrDefaultAsync(s => s.Id == spaceId && s.TeamId == teamId && s.Kind == SpaceKinds.Team, ct);
        if (space is null) return Outcome<SpaceAccessDto>.NotFound();
        if (r.Role is not (AccessRole.Viewer or AccessRole.Editor)) return Outcome<SpaceAccessDto>.Invalid("role", "Choose viewer or editor.");
        var kind = r.Kind ?? "";
        if (!await mediator.Send(new PrincipalExists(teamId, kind, r.Id), ct))
            return Outcome<SpaceAccessDto>.Invalid("id", "Choose a member, a department or the whole organisation of your team.");

        var grant = await db.Grants.FirstOrDefaultAsync(g => g.ItemId == space.RootItemId && g.PrincipalKind == kind && g.PrincipalId == r.Id, ct);
        if (grant is null)
        {
            grant = new Grant
            {
                Id = Guid.CreateVersion7(), TeamId = teamId, ItemId = space.RootItemId, PrincipalKind = kind, PrincipalId = r.Id,
                Role = r.Role.Value, CreatedBy = adminId, CreatedAt = clock.GetUtcNow().UtcDateTime,
            };
            db.Grants.Add(grant);
        }
        grant.Role = r.Role.Value;
        await db.SaveChangesAsync(ct);
        return Outcome<SpaceAccessDto>.Success(new SpaceAccessDto(grant.Id, grant.PrincipalKind, grant.PrincipalId, grant.Role));
    }
}

internal sealed class RevokeTeamSpaceAccessHandler(SpacesDbContext db) : IRequestHandler<RevokeTeamSpaceAccess, bool>
{
    public async ValueTask<bool> Handle(RevokeTeamSpaceAccess request, CancellationToken ct)
    {
        var root = await db.Spaces.Where(s => s.Id == request.SpaceId && s.TeamId == request.TeamId).Select(s => (Guid?)s.RootItemId).FirstOrDefaultAsync(ct);
        return root is not null && await db.Grants.Where(g => g.Id == request.GrantId && g.ItemId == root).ExecuteDeleteAsync(ct) == 1;
    }
}
