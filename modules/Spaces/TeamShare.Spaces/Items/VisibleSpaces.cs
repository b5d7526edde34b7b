using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using TeamShare.SharedKernel.Localization;
using TeamShare.Spaces.Access;
using TeamShare.Spaces.Contracts;
using TeamShare.Spaces.Data;

namespace TeamShare.Spaces.Items;

/// <summary>The spaces a member reaches: their personal space first, then team spaces where they have a role.</summary>
internal sealed class VisibleSpaces(SpacesDbContext db, EffectiveRoles roles, PersonalSpaces personal, IStringLocalizer<Ui> t)
{
    /// <summary>A space's name as the member reads it: everyone's personal space is "My files" in their own language.</summary>
    public string NameOf(Space space) => space.Kind == SpaceKinds.Personal ? t["My files"] : space.Name;

    /// <summary>
    /// Where a move or copy may go (issue 28): the member's spaces and, when they work in a space that is not theirs (a folder
    /// shared from someone's files), that one too, as "Shared with you".
    /// </summary>
    public async Task<IReadOnlyList<SpaceDto>> ForMovingAsync(Guid userId, Guid teamId, Guid currentSpaceId, CancellationToken ct,
        IReadOnlyList<SpaceDto>? spaces = null)
    {
        spaces ??= await ForAsync(userId, teamId, ct);
        return spaces.Any(s => s.Id == currentSpaceId) ? spaces
            : [.. spaces, new SpaceDto(currentSpaceId, t["Shared with you"], SpaceKinds.Personal, Guid.Empty, AccessRole.None)];
    }

    /// <summary>The personal space's name in a given language (the drive names it in the account's own).</summary>
    public string PersonalNameIn(string culture)
    {
        using (Cultures.Use(culture)) return t["My files"];
    }

    public async Task<IReadOnlyList<SpaceDto>> ForAsync(Guid userId, Guid teamId, CancellationToken ct)
    {
        var mine = await personal.EnsureAsync(userId, teamId, ct);
        var teamSpaces = await db.Spaces.AsNoTracking()
            .Where(s => s.TeamId == teamId && s.Kind == SpaceKinds.Team).OrderBy(s => s.Name).ThenBy(s => s.Id).ToListAsync(ct);
        var rootIds = teamSpaces.Select(s => s.RootItemId).ToList();
        var roots = await db.Items.AsNoTracking().Where(i => rootIds.Contains(i.Id)).ToListAsync(ct);
        // Roots have no ancestors, so their roles come from one batched grant query.
        var rootRoles = await roles.ForChildrenAsync(userId, AccessRole.None, roots, ct);
        return teamSpaces
            .Where(s => rootRoles.GetValueOrDefault(s.RootItemId) > AccessRole.None)
            .Select(s => new SpaceDto(s.Id, s.Name, s.Kind, s.RootItemId, rootRoles[s.RootItemId]))
            .Prepend(new SpaceDto(mine.Id, NameOf(mine), mine.Kind, mine.RootItemId, AccessRole.Owner))
            .ToList();
    }
}

internal sealed class ListVisibleSpacesHandler(VisibleSpaces spaces) : Mediator.IRequestHandler<ListVisibleSpaces, IReadOnlyList<VisibleSpace>>
{
    public async ValueTask<IReadOnlyList<VisibleSpace>> Handle(ListVisibleSpaces r, CancellationToken ct) =>
        WebDav.DriveFolders.Of(await spaces.ForAsync(r.UserId, r.TeamId, ct), spaces.PersonalNameIn(r.DriveCulture)).Select(f => new VisibleSpace(f.Space.Id, f.Space.Name, f.Space.Kind, f.Folder)).ToList();
}
