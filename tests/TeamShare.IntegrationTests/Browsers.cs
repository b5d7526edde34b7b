using System.Net;
using System.Text.RegularExpressions;

namespace TeamShare.IntegrationTests;

/// <summary>A client that signs in through the sign-in page and keeps the cookie, like a browser.</summary>
public static partial class Browsers
{
    /// <param name="timeZone">What the page's script sends as the browser's zone (none without script).</param>
    public static async Task<HttpClient> SignedInAsync(TeamShareFactory factory, string email, string? timeZone = null)
    {
        var client = factory.Client();
        var page = await client.GetStringAsync("/signin");
        var response = await client.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = email, ["Password"] = TeamShareFactory.Password, ["__RequestVerificationToken"] = FormToken(page), ["TimeZone"] = timeZone ?? "",
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    public static string FormToken(string html) => FormTokenPattern().Match(html).Groups[1].Value;

    public static string MetaToken(string html) => MetaTokenPattern().Match(html).Groups[1].Value;

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex FormTokenPattern();

    [GeneratedRegex("name=\"request-verification-token\" content=\"([^\"]+)\"")]
    private static partial Regex MetaTokenPattern();
}
