using System.Globalization;
using Microsoft.AspNetCore.Html;

namespace TeamShare.SharedKernel.Text;

/// <summary>
/// A moment on a page: written in UTC for readers without script, turned into the viewer's own time by site.js, with the
/// UTC time kept as its tooltip (issue 12).
/// </summary>
public static class Times
{
    public static IHtmlContent Html(DateTime utc)
    {
        var at = DateTime.SpecifyKind(utc, DateTimeKind.Utc);
        return new HtmlString($"<time datetime=\"{at.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}\">{at.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC</time>");
    }
}
