using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Localization;
using TeamShare.SharedKernel.Localization;

namespace TeamShare.Host.Startup;

/// <summary>
/// A problem's title, detail and field errors in the request's language (issue 11), for the JSON and the page alike. The
/// status-code and exception middleware write outside the localization middleware, so the language is read from the
/// request's culture feature rather than from the thread.
/// </summary>
internal static class ProblemWords
{
    public static void Localize(ProblemDetailsContext context)
    {
        var http = context.HttpContext;
        if (LanguageOf(http) == "en") return;
        var problem = context.ProblemDetails;
        problem.Title = problem.Title is null ? null : Say(http, FrameworkTitles.GetValueOrDefault(problem.Title, problem.Title));
        problem.Detail = problem.Detail is null ? null : Say(http, problem.Detail);
        if (problem.Extensions.TryGetValue("errors", out var errors) && errors is IDictionary<string, string[]> fields)
            foreach (var field in fields.Keys.ToList()) fields[field] = fields[field].Select(m => Say(http, m)).ToArray();
        if (problem is HttpValidationProblemDetails validation)
            foreach (var field in validation.Errors.Keys.ToList()) validation.Errors[field] = validation.Errors[field].Select(m => Say(http, m)).ToArray();
    }

    /// <summary>The framework's titles for bare statuses, said as our own problems say them (one key each, whatever its case).</summary>
    private static readonly Dictionary<string, string> FrameworkTitles = new()
    {
        ["Not Found"] = "Not found", ["Unsupported Media Type"] = "Unsupported media type", ["Too Many Requests"] = "Too many requests",
    };

    public static string LanguageOf(HttpContext http) =>
        http.Features.Get<IRequestCultureFeature>()?.RequestCulture.UICulture.TwoLetterISOLanguageName ?? "en";

    /// <summary>One sentence in the request's language.</summary>
    public static string Say(HttpContext http, string english)
    {
        var culture = http.Features.Get<IRequestCultureFeature>()?.RequestCulture.UICulture;
        if (culture is null || culture.TwoLetterISOLanguageName == "en") return english;
        using var _ = Cultures.Use(culture);
        return http.RequestServices.GetRequiredService<IStringLocalizer<Ui>>().Say(english);
    }
}
