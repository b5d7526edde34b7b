using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TeamShare.Policy.Contracts;
using TeamShare.SharedKernel.Security;
using TeamShare.Spaces.Contracts;

namespace TeamShare.Links.Pages.Links;

/// <summary>Create a link (LK-1, LK-2): every option, the team's defaults filled in and locked where policy says so.</summary>
public sealed class NewModel(IMediator mediator) : PageModel
{
    /// <summary>One or more items of one space (LK-1), as chosen on the files page.</summary>
    public IReadOnlyList<ItemSummary> Items { get; private set; } = [];
    public LinkPolicy Policy { get; private set; } = null!;
    /// <summary>The most a drop box of this team may receive, in MB (issue 27): the upload limit's default and maximum.</summary>
    public long DropBoxMegabytes { get; private set; }

    public bool AudienceLocked => !Policy.MembersMayOverrideDefaults;
    /// <summary>The team's default audience (AD-4); a team link where links may not reach outside.</summary>
    public string DefaultAudience => Policy.DefaultAudience == "anyone" && !Policy.OutsideDecision.Allowed ? "team" : Policy.DefaultAudience;

    public static readonly (string Value, string Label)[] AudienceChoices =
    [
        ("anyone", "Anyone with the link"),
        ("team", "Members of my team (they sign in)"),
        ("invited", "Only people who already have access"),
    ];

    public string Title => Items.Count == 1 ? $"“{Items[0].Name}”" : $"{Items.Count} items";

    public async Task<IActionResult> OnGetAsync(Guid[] itemId, CancellationToken ct)
    {
        if (itemId.Length is 0 or > 100) return NotFound();
        var access = await mediator.Send(new GetItemsAccess(User.GetUserId(), User.GetTeamId(), itemId.Distinct().ToList()), ct);
        if (access.Count == 0 || access.Any(a => a is not { Role: >= AccessRole.Editor, Item.InTrash: false })
            || access.Select(a => a.Item.SpaceId).Distinct().Count() != 1) return NotFound();
        Items = access.Select(a => a.Item).ToList();
        Policy = await mediator.Send(new GetLinkPolicy(User.GetTeamId()), ct);
        DropBoxMegabytes = await mediator.Send(new Create.GetDropBoxLimit(User.GetTeamId()), ct) / Data.LinkLimits.Megabyte;
        return Page();
    }
}
