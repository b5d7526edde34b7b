using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
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

/// <summary>
/// The last say on a request's language: the signed-in member's team default, asked only when neither the member, the
/// language switch's cookie nor Accept-Language decided.
/// </summary>
internal sealed class TeamCultureProvider : RequestCultureProvider
{
    public override async Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext http)
    {
        if (http.User.Identity?.IsAuthenticated != true || !Guid.TryParse(http.User.FindFirst(TeamShareClaims.TeamId)?.Value, out var teamId)) return null;
        var db = http.RequestServices.GetRequiredService<IdentityDbContext>();
        var locale = await db.Teams.Where(t => t.Id == teamId).Select(t => t.DefaultLocale).FirstOrDefaultAsync(http.RequestAborted);
        return Cultures.IsSupported(locale) ? new ProviderCultureResult(locale) : null;
    }
}
