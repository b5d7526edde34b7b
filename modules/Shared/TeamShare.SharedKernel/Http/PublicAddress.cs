using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TeamShare.SharedKernel.Modules;

namespace TeamShare.SharedKernel.Http;

/// <summary>
/// The base of links written into messages that leave the request (mail, chat posts) and of share links and QR codes shown
/// to their owners (issue 27 L3): <c>TeamShare:PublicBaseUrl</c>, else
/// the address the server listens on, never the request's Host header, which a sender (or a proxy's X-Forwarded-Host)
/// chooses (issue 14 finding 9: an attacker-chosen host in an invitation).
/// </summary>
public static class PublicAddress
{
    public static string ForMessages(HttpContext http) => ForMessages(http.RequestServices);

    /// <summary>The same for a job, which has no request.</summary>
    public static string ForMessages(IServiceProvider services) =>
        Of(services.GetRequiredService<IOptions<TeamShareOptions>>().Value, services.GetService<IServer>());

    /// <summary>The same from the settings and the server (absent in a command run without one).</summary>
    public static string Of(TeamShareOptions options, IServer? server)
    {
        var configured = options.PublicBaseUrl;
        if (configured is { Length: > 0 }) return configured.TrimEnd('/');
        var listening = server?.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        if (listening is null || !Uri.TryCreate(listening.Replace("://+", "://localhost").Replace("://*", "://localhost"), UriKind.Absolute, out var uri))
            return "http://localhost";
        var host = uri.Host is "0.0.0.0" or "[::]" or "::" ? "localhost" : uri.Host;
        return $"{uri.Scheme}://{(uri.HostNameType == UriHostNameType.IPv6 && host != "localhost" ? $"[{host.Trim('[', ']')}]" : host)}{(uri.IsDefaultPort ? "" : $":{uri.Port}")}";
    }
}
