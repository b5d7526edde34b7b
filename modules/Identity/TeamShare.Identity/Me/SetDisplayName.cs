using Mediator;
using Microsoft.EntityFrameworkCore;
using TeamShare.Identity.Admin;
using TeamShare.Identity.Data;
using TeamShare.SharedKernel.Http;
using TeamShare.SharedKernel.Validation;

namespace TeamShare.Identity.Me;

/// <summary>
/// Issue 28: a member names themselves (on their account page or <c>PUT /api/me/profile</c>), under the rules an admin's
/// change follows. Pages and mails read the name afresh; a browser's session takes it at its next request.
/// </summary>
internal sealed record SetDisplayName(Guid UserId, string? DisplayName) : IRequest<Outcome<ProfileDto>>;

internal sealed record ProfileRequest(string? DisplayName);

internal sealed record ProfileDto(string DisplayName);

internal sealed class SetDisplayNameValidator : IValidator<SetDisplayName>
{
    public IReadOnlyDictionary<string, string[]> Validate(SetDisplayName request) =>
        MemberRules.DisplayNameProblem(request.DisplayName) is { } problem ? Invalid.Field("displayName", problem) : Invalid.None;
}

internal sealed class SetDisplayNameHandler(IdentityDbContext db) : IRequestHandler<SetDisplayName, Outcome<ProfileDto>>
{
    public async ValueTask<Outcome<ProfileDto>> Handle(SetDisplayName request, CancellationToken ct)
    {
        var name = request.DisplayName!.Trim();
        await db.Users.Where(u => u.Id == request.UserId).ExecuteUpdateAsync(s => s.SetProperty(u => u.DisplayName, name), ct);
        return Outcome<ProfileDto>.Success(new ProfileDto(name));
    }
}
