using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace TeamShare.SharedKernel.Localization;

/// <summary>
/// English and Polish (issue 11). The language of a request: the member's own choice (a claim from their account), else the
/// language switch's cookie (for someone not signed in), else the browser's Accept-Language when it names one of ours, else
/// the team's default (a claim read with the member), else English.
/// </summary>
public static class Cultures
{
    public static readonly string[] Supported = ["en", "pl"];
    public const string Claim = "locale";

    /// <summary>The signed-in member's team default language, read with the member on every request.</summary>
    public const string TeamClaim = "team_locale";

    /// <summary>
    /// The account's own language (the member's choice, else the team's default, else English), whatever the request asks: what
    /// names must not change with the browser, such as the drive's folders, follow it.
    /// </summary>
    public static string OfAccount(System.Security.Claims.ClaimsPrincipal user) =>
        user.FindFirst(Claim)?.Value is { } own && IsSupported(own) ? own
        : user.FindFirst(TeamClaim)?.Value is { } team && IsSupported(team) ? team : "en";

    /// <summary>The language a queued mail is written in, kept in its model ("pl"); see MailTemplates.</summary>
    public const string MailKey = "culture";

    /// <summary>The language of the request being served ("en", "pl").</summary>
    public static string Current => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;

    public static bool IsSupported(string? culture) => culture is not null && Supported.Contains(culture);

    /// <summary>
    /// Speaks another language until disposed: for words made outside a request's own language (a job writing to a member,
    /// a problem written after the localization middleware has returned).
    /// </summary>
    public static IDisposable Use(CultureInfo culture)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = culture;
        return new Restore(previous);
    }

    public static IDisposable Use(string culture) => Use(CultureInfo.GetCultureInfo(IsSupported(culture) ? culture : "en"));

    private sealed class Restore(CultureInfo previous) : IDisposable
    {
        public void Dispose() => CultureInfo.CurrentUICulture = previous;
    }

    public static IServiceCollection AddTeamShareLocalization(this IServiceCollection services)
    {
        services.AddLocalization();
        return services.Configure<RequestLocalizationOptions>(o =>
        {
            o.SetDefaultCulture("en").AddSupportedCultures(Supported).AddSupportedUICultures(Supported);
            o.RequestCultureProviders = [new ClaimCultureProvider(Claim), new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider(),
                new ClaimCultureProvider(TeamClaim)];
        });
    }

    /// <summary>The cookie the language switch sets, so the choice holds before and without signing in.</summary>
    public static void Remember(HttpResponse response, string culture) =>
        response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName, CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true });

    /// <summary>
    /// "{0} file" / "{0} files" in the current language with the right plural form: English has two (1 file, 2 files), Polish
    /// three (1 plik, 2–4 pliki, 5 plików; 12–14 take the third, 22–24 the second), keyed "{0} files|few" and "{0} files|many"
    /// (their English values are the plain plural). The same keys serve scripts (<c>plural()</c> in teamshare.js).
    /// </summary>
    public static string Plural(this IStringLocalizer<Ui> t, int n, string one, string other)
    {
        if (n == 1) return t[one, n];
        if (Current != "pl") return t[other, n];
        return t[n % 10 is >= 2 and <= 4 && n % 100 is < 12 or > 14 ? other + "|few" : other + "|many", n];
    }

    /// <summary>A language carried by the signed-in principal: the member's own, or their team's default.</summary>
    private sealed class ClaimCultureProvider(string claim) : RequestCultureProvider
    {
        public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext) =>
            Task.FromResult(httpContext.User.FindFirst(claim)?.Value is { } culture && IsSupported(culture)
                ? new ProviderCultureResult(culture) : null);
    }
}
