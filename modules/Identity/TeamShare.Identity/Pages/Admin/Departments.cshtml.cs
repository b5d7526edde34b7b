using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TeamShare.SharedKernel.Pages;
using TeamShare.Identity.Admin;
using TeamShare.SharedKernel.Http;
using TeamShare.SharedKernel.Security;

namespace TeamShare.Identity.Pages.Admin;

/// <summary>Admin console: departments and their live membership (ID-4, ID-5).</summary>
[Authorize(Policy = TeamShareClaims.AdminPolicy)]
public sealed class DepartmentsModel(IMediator mediator) : ConsolePageModel
{
    internal IReadOnlyList<DepartmentDto> Departments { get; private set; } = [];
    internal IReadOnlyList<MemberDto> Members { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Departments = await mediator.Send(new ListDepartments(User.GetTeamId()), ct);
        Members = await mediator.Send(new ListMembers(User.GetTeamId()), ct);
    }

    public async Task<IActionResult> OnPostCreateAsync(string? name, CancellationToken ct) =>
        Done(await mediator.Send(new CreateDepartment(User.GetTeamId(), name), ct), $"Department {name} created.");

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, CancellationToken ct) =>
        Done(await mediator.Send(new DeleteDepartment(User.GetTeamId(), id), ct), "Department deleted.");

    public async Task<IActionResult> OnPostMemberAsync(Guid id, Guid userId, bool member, CancellationToken ct) =>
        Done(await mediator.Send(new SetDepartmentMember(User.GetTeamId(), id, userId, member), ct), member ? "Member added." : "Member removed.");
}
