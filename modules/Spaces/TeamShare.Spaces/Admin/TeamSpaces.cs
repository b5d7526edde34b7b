using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using TeamShare.Identity.Contracts;
using TeamShare.SharedKernel.Http;
using TeamShare.SharedKernel.Security;
using TeamShare.Spaces.Contracts;
using TeamShare.Spaces.Data;
using TeamShare.Spaces.Items;

namespace TeamShare.Spaces.Admin;

internal sealed record SpaceAccessDto(Guid GrantId, string Kind, Guid? PrincipalId, AccessRole Role);
internal sealed record TeamSpaceDto(Guid Id, string Name, Guid RootFolderId, IReadOnlyList<SpaceAccessDto> Access);
internal sealed record CreateTeamSpaceRequest(string? Name);
internal sealed record SpaceAccessRequest(string? Kind, Guid? Id, AccessRole? Role);

/// <summary>
/// SP-1: admins create team spaces and give members, departments or the whole team a role in them. A team space's top
/// folder belongs to nobody, so no admin silently owns everything in it; people reach it through these grants.
/// </summary>
internal sealed class TeamSpaces(SpacesDbContext db, IMediator mediator, TimeProvider clock)
{
    public async Task<IReadOnlyList<TeamSpaceDto>> ListAsync(Guid teamId, CancellationToken ct)
    {
        var spaces = await db.Spaces.AsNoTracking().Where(s => s.TeamId == teamId && s.Kind == SpaceKinds.Team).OrderBy(s => s.Name).ToListAsync(ct);
        var roots = spaces.Select(s => s.RootItemId).ToList();
        var grants = await db.Grants.AsNoTracking().Where(g => roots.Contains(g.ItemId)).ToListAsync(ct);
        var byRoot = grants.ToLookup(g => g.ItemId);
        return spaces.Select(s => new TeamSpaceDto(s.Id, s.Name, s.RootItemId,
            byRoot[s.RootItemId].Select(g => new SpaceAccessDto(g.Id, g.PrincipalKind, g.PrincipalId, g.Role)).ToList())).ToList();
    }

    public async Task<Outcome<TeamSpaceDto>> CreateAsync(Guid teamId, string? name, CancellationToken ct)
    {
        name = name?.Trim();
        if (ItemNames.Problem(name) is { } problem) return Outcome<TeamSpaceDto>.Invalid("name", problem);
        if (await db.Spaces.AnyAsync(s => s.TeamId == teamId && s.Kind == SpaceKinds.Team && s.Name == name, ct))
            return Outcome<TeamSpaceDto>.Invalid("name", "A team space with this name exists.", 409);
        var space = PersonalSpaces.NewSpace(teamId, SpaceKinds.Team, name!, null, Guid.Empty, clock.GetUtcNow().UtcDateTime, out var root);
        db.Spaces.Add(space);
        db.Items.Add(root);
        await db.SaveChangesAsync(ct);
        return Outcome<TeamSpaceDto>.Success(new TeamSpaceDto(space.Id, space.Name, root.Id, []), 201);
    }

    public async Task<Outcome<SpaceAccessDto>> GrantAsync(Guid teamId, Guid adminId, Guid spaceId, SpaceAccessRequest r, CancellationToken ct)
    {
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
        return Outcome<SpaceAccessDto>.Success(new SpaceAccessDto(grant.Id, grant.PrincipalKind, grant.PrincipalId, grant.Role), 201);
    }

    public async Task<bool> RevokeAsync(Guid teamId, Guid spaceId, Guid grantId, CancellationToken ct)
    {
        var root = await db.Spaces.Where(s => s.Id == spaceId && s.TeamId == teamId).Select(s => (Guid?)s.RootItemId).FirstOrDefaultAsync(ct);
        return root is not null && await db.Grants.Where(g => g.Id == grantId && g.ItemId == root).ExecuteDeleteAsync(ct) == 1;
    }
}

internal static class TeamSpaceEndpoints
{
    public static async Task<IResult> List(ClaimsPrincipal user, TeamSpaces spaces, CancellationToken ct) =>
        TypedResults.Ok(await spaces.ListAsync(user.GetTeamId(), ct));

    public static async Task<IResult> Create(CreateTeamSpaceRequest body, ClaimsPrincipal user, TeamSpaces spaces, CancellationToken ct) =>
        (await spaces.CreateAsync(user.GetTeamId(), body.Name, ct)).ToHttp(s => TypedResults.Created($"/api/admin/spaces/{s.Id}", s));

    public static async Task<IResult> Grant(Guid id, SpaceAccessRequest body, ClaimsPrincipal user, TeamSpaces spaces, CancellationToken ct) =>
        (await spaces.GrantAsync(user.GetTeamId(), user.GetUserId(), id, body, ct)).ToHttp(g => TypedResults.Created($"/api/admin/spaces/{id}/access/{g.GrantId}", g));

    public static async Task<IResult> Revoke(Guid id, Guid grantId, ClaimsPrincipal user, TeamSpaces spaces, CancellationToken ct) =>
        await spaces.RevokeAsync(user.GetTeamId(), id, grantId, ct) ? TypedResults.NoContent() : Problems.NotFound();
}
