using Mediator;
using Microsoft.EntityFrameworkCore;
using TeamShare.Identity.Data;
using TeamShare.SharedKernel.Http;
using TeamShare.SharedKernel.Text;
using TeamShare.SharedKernel.Validation;

namespace TeamShare.Identity.Me;

/// <summary>
/// Issue 28: the zone a member's mails write times in, chosen on the account page or with <c>PUT /api/me/time-zone</c>.
/// <paramref name="OnlyIfUnset"/>: a sign-in offers the browser's zone, which fills in a missing one and never overrides a choice.
/// </summary>
internal sealed record SetTimeZone(Guid UserId, string? TimeZone, bool OnlyIfUnset = false) : IRequest<Outcome<TimeZoneDto>>;

internal sealed record TimeZoneDto(string? TimeZone);

internal sealed class SetTimeZoneValidator : IValidator<SetTimeZone>
{
    public IReadOnlyDictionary<string, string[]> Validate(SetTimeZone request) => TimeZones.IsKnown(request.TimeZone)
        ? Invalid.None : Invalid.Field("timeZone", "Choose a time zone by its name, such as Europe/Warsaw or UTC.");
}

internal sealed class SetTimeZoneHandler(IdentityDbContext db) : IRequestHandler<SetTimeZone, Outcome<TimeZoneDto>>
{
    public async ValueTask<Outcome<TimeZoneDto>> Handle(SetTimeZone request, CancellationToken ct)
    {
        var users = db.Users.Where(u => u.Id == request.UserId);
        if (request.OnlyIfUnset) users = users.Where(u => u.TimeZone == null);
        await users.ExecuteUpdateAsync(s => s.SetProperty(u => u.TimeZone, request.TimeZone), ct);
        return Outcome<TimeZoneDto>.Success(new TimeZoneDto(request.TimeZone));
    }
}
