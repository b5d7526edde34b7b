using Microsoft.AspNetCore.Http.HttpResults;
using TeamShare.SharedKernel.Http;
using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http;
using TeamShare.Invitations.Contracts;
using TeamShare.Policy.Contracts;
using Microsoft.EntityFrameworkCore;
using TeamShare.Identity.Admin;
using TeamShare.Identity.Auth;
using TeamShare.Identity.Data;
using TeamShare.SharedKernel.Security;

namespace TeamShare.Identity.Directory;

/// <param name="Refused">For an outside address the team's policy does not allow: why, in words. The dialog shows it and
/// does not let the address be added (issue 12: refused when added, not at Send).</param>
internal sealed record DirectoryEntry(string Kind, Guid? Id, string? Email, string DisplayName, int? MemberCount,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? Refused = null);

/// <summary>
/// ID-6: recipients for the share dialog. People by name or e-mail prefix, departments by name, the whole organisation,
/// and an address that is no member of this team offered as external (even when another team has it: ID-1). The caller is
/// not offered (nobody shares with themselves), and group counts leave them out: they are the people who will get access.
/// </summary>
internal sealed record SearchDirectory(Guid TeamId, Guid CallerId, string? Query) : IRequest<Outcome<IReadOnlyList<DirectoryEntry>>>;

internal sealed class SearchDirectoryHandler(IdentityDbContext db, IMediator mediator,
    Microsoft.Extensions.Localization.IStringLocalizer<SharedKernel.Localization.Ui> t) : IRequestHandler<SearchDirectory, Outcome<IReadOnlyList<DirectoryEntry>>>
{
    public const int Limit = 10;

    public async ValueTask<Outcome<IReadOnlyList<DirectoryEntry>>> Handle(SearchDirectory request, CancellationToken ct)
    {
        var (teamId, callerId) = (request.TeamId, request.CallerId);
        var query = (request.Query ?? "").Trim();
        if (query.Length > 100) return Outcome<IReadOnlyList<DirectoryEntry>>.Invalid("q", "Use at most 100 characters.");
        var upper = query.ToUpperInvariant();
        var results = new List<DirectoryEntry>();

        var people = db.Users.AsNoTracking().Where(u => u.TeamId == teamId && u.IsActive && u.RemovedAt == null && u.Id != callerId);
        if (upper.Length > 0)
            people = people.Where(u => u.NormalizedEmail.StartsWith(upper) || u.DisplayName.ToUpper().StartsWith(upper)
                                       || u.DisplayName.ToUpper().Contains(" " + upper));
        results.AddRange(await people.OrderBy(u => u.DisplayName).Take(Limit)
            .Select(u => new DirectoryEntry("user", u.Id, u.Email, u.DisplayName, null)).ToListAsync(ct));

        var departments = db.Departments.AsNoTracking().Where(d => d.TeamId == teamId);
        if (upper.Length > 0) departments = departments.Where(d => d.Name.ToUpper().StartsWith(upper));
        results.AddRange(await departments.OrderBy(d => d.Name).Take(Limit)
            .Select(d => new DirectoryEntry("department", d.Id, null, d.Name,
                db.DepartmentMembers.Count(m => m.DepartmentId == d.Id && m.UserId != callerId
                    && db.Users.Any(u => u.Id == m.UserId && u.IsActive && u.RemovedAt == null))))
            .ToListAsync(ct));

        var team = await db.Teams.AsNoTracking().FirstAsync(t => t.Id == teamId, ct);
        string[] organisationWords = ["EVERYONE", "ORGANISATION", "ORGANIZATION", "WHOLE", team.Name.ToUpperInvariant()];
        if (upper.Length == 0 || organisationWords.Any(w => w.StartsWith(upper)))
        {
            var count = await db.Users.CountAsync(u => u.TeamId == teamId && u.IsActive && u.RemovedAt == null && u.Id != callerId, ct);
            results.Add(new DirectoryEntry("organisation", null, null, $"Everyone at {team.Name}", count));
        }

        if (MemberRules.EmailProblem(query) is null)
        {
            var normalized = Principals.Normalize(query);
            var isMember = await db.Users.AnyAsync(u => u.TeamId == teamId && u.NormalizedEmail == normalized && u.RemovedAt == null, ct);
            if (!isMember)
            {
                var decision = (await mediator.Send(new CheckExternalRecipients(teamId, [query], InvitationsChannel.Name), ct))[query];
                results.Add(new DirectoryEntry("external", null, query, query, null, decision.Allowed ? null : Refusal(query, decision.Reason)));
            }
        }
        return Outcome<IReadOnlyList<DirectoryEntry>>.Success(results);
    }

    /// <summary>Why an address cannot be chosen, in the searcher's language (the dialog shows it beside the address).</summary>
    private string Refusal(string email, string? reason) => t["Your team's policy does not allow sharing with {0}: {1}", email, t[reason switch
    {
        PolicyReasons.NotApproved => "it is not on the approved list.",
        PolicyReasons.EmailTeamOnly => "sharing by e-mail is for members of your team only.",
        PolicyReasons.ExternalSharingOff => "sharing outside the team is off.",
        _ => "sharing by e-mail is off.",
    }]];
}

internal static class SearchDirectoryEndpoint
{
    public static async Task<Results<Ok<IReadOnlyList<DirectoryEntry>>, Refusal>> Handle(string? q, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new SearchDirectory(user.GetTeamId(), user.GetUserId(), q), ct)).ToHttp(TypedResults.Ok);
}
