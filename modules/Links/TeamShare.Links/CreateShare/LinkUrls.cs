using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using TeamShare.SharedKernel.Modules;

namespace TeamShare.Links.CreateShare;

/// <summary>Builds the public URL of a link: the configured base, or the request's own.</summary>
internal sealed class LinkUrls(IOptions<TeamShareOptions> options)
{
    public string For(HttpRequest request, string token)
    {
        var baseUrl = options.Value.PublicBaseUrl is { Length: > 0 } configured
            ? configured.TrimEnd('/')
            : $"{request.Scheme}://{request.Host}{request.PathBase}";
        return $"{baseUrl}/s/{token}";
    }
}
