using System.Text.Encodings.Web;

namespace TeamShare.Host.Startup;

/// <summary>
/// A person's browser asking for a page (Accept: text/html, outside /api and /dav) gets errors as a page they can read, with a
/// way on, instead of raw problem JSON (issue 12). Scripts and the API keep RFC 7807 JSON; the words are the same.
/// </summary>
internal sealed class HtmlProblems(Microsoft.AspNetCore.Antiforgery.IAntiforgery antiforgery) : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context)
    {
        var request = context.HttpContext.Request;
        if (request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/dav") || request.Path.StartsWithSegments("/health")) return false;
        var accept = request.Headers.Accept.ToString();
        // fetch() from our own pages sends Accept: application/json; a browser navigating sends text/html first.
        return accept.Contains("text/html", StringComparison.OrdinalIgnoreCase) && !accept.StartsWith("application/json", StringComparison.OrdinalIgnoreCase);
    }

    public async ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var http = context.HttpContext;
        var status = context.ProblemDetails.Status ?? http.Response.StatusCode;
        var (title, detail) = Words(status, context.ProblemDetails.Title, context.ProblemDetails.Detail, context.ProblemDetails.Extensions);
        (title, detail) = (ProblemWords.Say(http, title), ProblemWords.Say(http, detail));
        var signedIn = http.User.Identity?.IsAuthenticated == true;
        var onward = signedIn ? $"<a href=\"/files\">{ProblemWords.Say(http, "Go to your files")}</a>"
            : $"<a href=\"/signin?ReturnUrl={Uri.EscapeDataString(http.Request.Path + http.Request.QueryString)}\">{ProblemWords.Say(http, "Sign in")}</a>";
        var html = HtmlEncoder.Default;
        http.Response.ContentType = "text/html; charset=utf-8";
        await http.Response.WriteAsync($"""
            <!DOCTYPE html>
            <html lang="{ProblemWords.LanguageOf(http)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{html.Encode(title)} · TeamShare</title><link rel="stylesheet" href="/lib/bootstrap/dist/css/bootstrap.min.css"><link rel="stylesheet" href="/css/site.css"></head>
            <body>{Header(http)}<main class="container py-5">
            <p class="text-muted mb-1">TeamShare · {ProblemWords.Say(http, "error")} {status}</p>
            <h1 class="h3">{html.Encode(title)}</h1>
            <p>{html.Encode(detail)}</p>
            <p>{onward}</p>
            </main></body></html>
            """);
    }

    /// <summary>
    /// The header every page has, cut to what an error page needs (issue 28): the name leading home, and the language switch,
    /// so someone who landed here in the wrong language can read it. The switch posts as the layout's does.
    /// </summary>
    private string Header(HttpContext http)
    {
        var html = HtmlEncoder.Default;
        string? token;
        try { token = antiforgery.GetAndStoreTokens(http).RequestToken; }
        catch (InvalidOperationException) { token = null; /* the response has started: no cookie can be set, so no switch */ }
        var language = ProblemWords.LanguageOf(http);
        var returnUrl = http.Request.Path + http.Request.QueryString;
        var languageSwitch = token is null ? "" : $"""
            <form method="post" action="/account/language" class="d-flex align-items-center gap-1 ms-auto">
            <input name="__RequestVerificationToken" type="hidden" value="{html.Encode(token)}"><input type="hidden" name="returnUrl" value="{html.Encode(returnUrl)}">
            <label for="language" class="visually-hidden">{html.Encode(ProblemWords.Say(http, "Language"))}</label>
            <select id="language" name="locale" class="form-select form-select-sm w-auto">
            <option value="en"{(language == "en" ? " selected" : "")}>English</option><option value="pl" lang="pl"{(language == "pl" ? " selected" : "")}>Polski</option>
            </select>
            <button class="btn btn-sm btn-outline-secondary" type="submit">{html.Encode(ProblemWords.Say(http, "Change"))}</button>
            </form>
            """;
        return $"""<header class="d-flex flex-wrap align-items-center gap-2 px-3 py-2 border-bottom"><a class="fw-semibold text-decoration-none" href="/">TeamShare</a>{languageSwitch}</header>""";
    }

    /// <summary>The problem's own words where it has them; plain ones for bare status codes.</summary>
    private static (string Title, string Detail) Words(int status, string? title, string? detail, IDictionary<string, object?> extensions)
    {
        if (extensions.TryGetValue("errors", out var errors) && errors is IDictionary<string, string[]> fields && fields.Values.SelectMany(v => v).FirstOrDefault() is { } first)
            return (title ?? "That did not work", first);
        return status switch
        {
            404 => (title is null or "Not Found" ? "Not found" : title, detail ?? "There is nothing here, or you may not see it. Check the address, or ask whoever sent it."),
            403 => (title ?? "Not allowed", detail ?? "You may not open this."),
            413 => (title ?? "Too large", detail ?? "That is larger than this server accepts."),
            401 => (title ?? "Sign-in required", detail ?? "Sign in to open this."),
            // Maintenance, an unreachable database, a full disk: our own sentences (UnavailableProblems, Maintenance), never an exception's.
            503 or 507 when title is not null && detail is not null => (title, detail),
            _ when status >= 500 => ("Something went wrong", "The server could not finish this. Try again in a moment."),
            _ => (title ?? "That did not work", detail ?? "The request could not be done as sent."),
        };
    }
}
