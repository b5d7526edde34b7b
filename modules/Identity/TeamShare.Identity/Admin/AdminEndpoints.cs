using Microsoft.AspNetCore.Http.HttpResults;
using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using TeamShare.SharedKernel.Http;
using TeamShare.SharedKernel.Modules;
using TeamShare.SharedKernel.Security;

namespace TeamShare.Identity.Admin;

internal sealed record AddMemberRequest(string? Email, string? DisplayName, string? Password, string? Role);
internal sealed record UpdateMemberRequest(string? Role, bool? IsActive);
internal sealed record CreateDepartmentRequest(string? Name);
internal sealed record TransferredDto(int TransferredItems);

/// <summary>Admin API for members and departments; the group requires the owner/admin policy.</summary>
internal static class AdminEndpoints
{
    public static async Task<Ok<IReadOnlyList<MemberDto>>> ListMembers(ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new ListMembers(user.GetTeamId()), ct));

    /// <summary>POST /api/admin/members: without a password an invitation by mail (202); with one, an operator's direct account (201).</summary>
    public static async Task<Results<Accepted<MemberInvitationDto>, Created<MemberDto>, Refusal>> AddMember(AddMemberRequest body, ClaimsPrincipal user,
        HttpContext http, IMediator mediator, IOptions<TeamShareOptions> options, CancellationToken ct)
    {
        var actor = Actor.Of(user, options.Value);
        if (string.IsNullOrEmpty(body.Password))
        {
            var invited = await mediator.Send(new InviteMember(actor, body.Email, body.DisplayName, body.Role, PublicAddress.ForMessages(http)), ct);
            return invited.Ok ? TypedResults.Accepted($"/api/admin/members/invitations/{invited.Value!.Id}", invited.Value) : invited.AsRefusal();
        }
        var added = await mediator.Send(new AddMember(actor, body.Email, body.DisplayName, body.Password, body.Role), ct);
        return added.Ok ? TypedResults.Created($"/api/admin/members/{added.Value!.Id}", added.Value) : added.AsRefusal();
    }

    public static async Task<Results<Accepted<MessageDto>, ProblemHttpResult>> SendPasswordReset(Guid id, ClaimsPrincipal user, HttpContext http,
        IMediator mediator, CancellationToken ct) =>
        await mediator.Send(new Recovery.SendMemberPasswordReset(user.GetTeamId(), id, PublicAddress.ForMessages(http), user.GetUserId()), ct)
            ? TypedResults.Accepted((string?)null, new MessageDto("A mail with a link to choose a new password is on its way to them."))
            : Problems.NotFound();

    public static async Task<Ok<IReadOnlyList<MemberInvitationDto>>> ListInvitations(ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new ListMemberInvitations(user.GetTeamId()), ct));

    public static async Task<Results<NoContent, ProblemHttpResult>> CancelInvitation(Guid id, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        await mediator.Send(new CancelMemberInvitation(user.GetTeamId(), id), ct) ? TypedResults.NoContent() : Problems.NotFound();

    public static async Task<Results<Ok<MemberDto>, Refusal>> UpdateMember(Guid id, UpdateMemberRequest body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new UpdateMember(Actor.Of(user), id, body.Role, body.IsActive), ct)).ToHttp(TypedResults.Ok);

    public static async Task<Results<Ok<TransferredDto>, Refusal>> RemoveMember(Guid id, Guid? transferTo, ClaimsPrincipal user, IMediator mediator,
        CancellationToken ct) =>
        (await mediator.Send(new RemoveMember(Actor.Of(user), id, transferTo), ct)).ToHttp(moved => TypedResults.Ok(new TransferredDto(moved)));

    public static async Task<Ok<IReadOnlyList<DepartmentDto>>> ListDepartments(ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new ListDepartments(user.GetTeamId()), ct));

    public static async Task<Results<Created<DepartmentDto>, Refusal>> CreateDepartment(CreateDepartmentRequest body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new CreateDepartment(user.GetTeamId(), body.Name), ct))
        .ToHttp(d => TypedResults.Created($"/api/admin/departments/{d.Id}", d));

    public static async Task<Results<NoContent, Refusal>> DeleteDepartment(Guid id, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new DeleteDepartment(user.GetTeamId(), id), ct)).ToHttp(_ => TypedResults.NoContent());

    public static async Task<Results<NoContent, Refusal>> AddDepartmentMember(Guid id, Guid userId, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new SetDepartmentMember(user.GetTeamId(), id, userId, true), ct)).ToHttp(_ => TypedResults.NoContent());

    public static async Task<Results<NoContent, Refusal>> RemoveDepartmentMember(Guid id, Guid userId, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new SetDepartmentMember(user.GetTeamId(), id, userId, false), ct)).ToHttp(_ => TypedResults.NoContent());
}
