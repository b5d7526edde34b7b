using System.Security.Claims;
using System.Text;
using Mediator;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using TeamShare.SharedKernel.Security;

namespace TeamShare.Policy.Activity;

internal static class ActivityEndpoints
{
    public static async Task<Ok<IReadOnlyList<ActivityDto>>> List(DateTime? from, DateTime? to, Guid? actor, string? kind, long? before, Guid? item,
        ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new ListActivity(user.GetTeamId(), new(from, to, actor, kind, before, item), ListActivity.PageSize), ct));

    public static async Task<FileContentHttpResult> Csv(DateTime? from, DateTime? to, Guid? actor, string? kind, Guid? item,
        ClaimsPrincipal user, IMediator mediator, CancellationToken ct)
    {
        var rows = await mediator.Send(new ListActivity(user.GetTeamId(), new(from, to, actor, kind, null, item), ListActivity.CsvLimit), ct);
        var csv = new StringBuilder();
        CsvWriter.Row(csv, ["time", "actor", "kind", "subject", "target", "details", "target_name", "subject_name", "summary"]);
        foreach (var r in rows)
            CsvWriter.Row(csv, [r.At.ToString("O"), r.Actor ?? "", r.Kind, r.SubjectId?.ToString() ?? "", r.Target ?? "", r.Details ?? "", r.TargetName ?? "",
                r.SubjectName ?? "", r.Summary ?? ""]);
        return TypedResults.File(Encoding.UTF8.GetBytes(csv.ToString()), "text/csv; charset=utf-8", "sharing-activity.csv");
    }

    public static async Task<Ok<IReadOnlyList<DomainCount>>> Domains(ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new TopSharedDomains(user.GetTeamId()), ct));
}
