using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using TeamShare.Invitations.Contracts;
using TeamShare.SharedKernel.Http;
using TeamShare.SharedKernel.Security;
using TeamShare.SharedKernel.Validation;

namespace TeamShare.Links.Notices;

/// <summary>
/// Issue 28, the notifications page and <c>GET|PUT /api/me/notifications</c>: every mail a member can turn off, in one place.
/// <paramref name="LinkNotices"/> is the default of their new links (each link can differ on its page); the rest are the
/// Invitations module's mail choices. PUT takes all four, as the page's form sends them.
/// </summary>
internal sealed record NotificationsDto(bool? SharedWithMe, bool? ExpiryReminders, bool? LinksExpired, bool? LinkNotices);

internal sealed record GetNotifications(Guid UserId) : IRequest<NotificationsDto>;

internal sealed record SetNotifications(Guid UserId, Guid TeamId, NotificationsDto Choices) : IRequest<Outcome<NotificationsDto>>;

internal sealed class SetNotificationsValidator : IValidator<SetNotifications>
{
    public IReadOnlyDictionary<string, string[]> Validate(SetNotifications request)
    {
        var c = request.Choices;
        var missing = new (string Field, bool? Value)[] { ("sharedWithMe", c.SharedWithMe), ("expiryReminders", c.ExpiryReminders),
            ("linksExpired", c.LinksExpired), ("linkNotices", c.LinkNotices) }.FirstOrDefault(f => f.Value is null).Field;
        return missing is null ? Invalid.None : Invalid.Field(missing, "Say true or false.");
    }
}

internal sealed class NotificationsHandler(IMediator mediator) : IRequestHandler<GetNotifications, NotificationsDto>,
    IRequestHandler<SetNotifications, Outcome<NotificationsDto>>
{
    public async ValueTask<NotificationsDto> Handle(GetNotifications request, CancellationToken ct)
    {
        var mail = await mediator.Send(new GetMailChoices(request.UserId), ct);
        var links = await mediator.Send(new GetNoticeDefault(request.UserId), ct);
        return new NotificationsDto(mail.SharedWithMe, mail.ExpiryReminders, mail.LinksExpired, links.Notify ?? true);
    }

    /// <remarks>Two modules keep these, each in one save; the PUT is idempotent, so a failure between them is mended by sending it again.</remarks>
    public async ValueTask<Outcome<NotificationsDto>> Handle(SetNotifications request, CancellationToken ct)
    {
        var c = request.Choices;
        await mediator.Send(new SetMailChoices(request.UserId, request.TeamId, new MailChoices(c.SharedWithMe!.Value, c.ExpiryReminders!.Value, c.LinksExpired!.Value)), ct);
        await mediator.Send(new SetNoticeDefault(request.UserId, request.TeamId, c.LinkNotices!.Value), ct);
        return Outcome<NotificationsDto>.Success(c);
    }
}

internal static class NotificationsEndpoints
{
    public static async Task<Ok<NotificationsDto>> Get(ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new GetNotifications(user.GetUserId()), ct));

    public static async Task<Results<Ok<NotificationsDto>, Refusal>> Put(NotificationsDto body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new SetNotifications(user.GetUserId(), user.GetTeamId(), body), ct)).ToHttp(TypedResults.Ok);
}
