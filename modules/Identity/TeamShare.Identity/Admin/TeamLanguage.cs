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

/// <summary>A language setting, the member's own or the team's: "en", "pl", or null for none.</summary>
internal sealed record LanguageDto(string? Locale);

/// <summary>
/// Issue 11: the team's default language, for members who chose none: the mails written to them, and pages and answers for
/// clients that send no Accept-Language (scripts). A member's own choice and a browser's language come first.
/// </summary>
internal sealed record SetTeamLanguage(Guid TeamId, string? Locale) : IRequest<Outcome<LanguageDto>>;

internal sealed record GetTeamLanguage(Guid TeamId) : IRequest<LanguageDto>;

internal sealed class TeamLanguageHandler(IdentityDbContext db)
    : IRequestHandler<SetTeamLanguage, Outcome<LanguageDto>>, IRequestHandler<GetTeamLanguage, LanguageDto>
{
    public async ValueTask<Outcome<LanguageDto>> Handle(SetTeamLanguage r, CancellationToken ct)
    {
        var locale = string.IsNullOrEmpty(r.Locale) ? null : r.Locale;
        if (locale is not null && !Cultures.IsSupported(locale))
            return Outcome<LanguageDto>.Invalid("locale", "Choose en, pl, or nothing for English.");
        await db.Teams.Where(t => t.Id == r.TeamId).ExecuteUpdateAsync(s => s.SetProperty(t => t.DefaultLocale, locale), ct);
        return Outcome<LanguageDto>.Success(new LanguageDto(locale));
    }

    public async ValueTask<LanguageDto> Handle(GetTeamLanguage r, CancellationToken ct) =>
        new(await db.Teams.Where(t => t.Id == r.TeamId).Select(t => t.DefaultLocale).FirstOrDefaultAsync(ct));
}

internal static class TeamLanguageEndpoints
{
    public static async Task<Ok<LanguageDto>> Get(ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new GetTeamLanguage(user.GetTeamId()), ct));

    public static async Task<Results<Ok<LanguageDto>, Refusal>> Put(LanguageRequest body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new SetTeamLanguage(user.GetTeamId(), body.Locale), ct)).ToHttp(TypedResults.Ok);
}
