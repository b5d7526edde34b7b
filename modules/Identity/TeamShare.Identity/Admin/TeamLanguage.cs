using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TeamShare.Identity.Data;
using TeamShare.SharedKernel.Http;
using TeamShare.SharedKernel.Localization;
using TeamShare.SharedKernel.Security;

namespace TeamShare.Identity.Admin;

/// <param name="Locale">"en", "pl", or null: no team default (then English).</param>
internal sealed record LanguageRequest(string? Locale);

internal sealed record TeamLanguageDto(string? Locale);

/// <summary>
/// Issue 11: the team's default language, for members who chose none: the mails written to them, and pages and answers for
/// clients that send no Accept-Language (scripts). A member's own choice and a browser's language come first.
/// </summary>
internal sealed record SetTeamLanguage(Guid TeamId, string? Locale) : IRequest<Outcome<TeamLanguageDto>>;

internal sealed record GetTeamLanguage(Guid TeamId) : IRequest<TeamLanguageDto>;

internal sealed class TeamLanguageHandler(IdentityDbContext db)
    : IRequestHandler<SetTeamLanguage, Outcome<TeamLanguageDto>>, IRequestHandler<GetTeamLanguage, TeamLanguageDto>
{
    public async ValueTask<Outcome<TeamLanguageDto>> Handle(SetTeamLanguage r, CancellationToken ct)
    {
        var locale = string.IsNullOrEmpty(r.Locale) ? null : r.Locale;
        if (locale is not null && !Cultures.IsSupported(locale))
            return Outcome<TeamLanguageDto>.Invalid("locale", "Choose en, pl, or nothing for English.");
        await db.Teams.Where(t => t.Id == r.TeamId).ExecuteUpdateAsync(s => s.SetProperty(t => t.DefaultLocale, locale), ct);
        return Outcome<TeamLanguageDto>.Success(new TeamLanguageDto(locale));
    }

    public async ValueTask<TeamLanguageDto> Handle(GetTeamLanguage r, CancellationToken ct) =>
        new(await db.Teams.Where(t => t.Id == r.TeamId).Select(t => t.DefaultLocale).FirstOrDefaultAsync(ct));
}

internal static class TeamLanguageEndpoints
{
    public static async Task<Ok<TeamLanguageDto>> Get(ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new GetTeamLanguage(user.GetTeamId()), ct));

    public static async Task<Results<Ok<TeamLanguageDto>, Refusal>> Put(LanguageRequest body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new SetTeamLanguage(user.GetTeamId(), body.Locale), ct)).ToHttp(TypedResults.Ok);
}
