using Mediator;
using Microsoft.EntityFrameworkCore;
using TeamShare.Identity.Data;
using TeamShare.SharedKernel.Http;
using TeamShare.SharedKernel.Localization;

namespace TeamShare.Identity.Me;

/// <summary>Issue 11: the member's own language, kept with their account so it follows them to every browser.</summary>
internal sealed record SetLanguage(Guid UserId, string? Locale) : IRequest<Outcome<string>>;

internal sealed class SetLanguageHandler(IdentityDbContext db) : IRequestHandler<SetLanguage, Outcome<string>>
{
    public async ValueTask<Outcome<string>> Handle(SetLanguage r, CancellationToken ct)
    {
        if (!Cultures.IsSupported(r.Locale)) return Outcome<string>.Invalid("locale", $"Choose one of: {string.Join(", ", Cultures.Supported)}.");
        await db.Users.Where(u => u.Id == r.UserId).ExecuteUpdateAsync(s => s.SetProperty(u => u.Locale, r.Locale), ct);
        return Outcome<string>.Success(r.Locale!);
    }
}
