using Fido2NetLib;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.Options;
using TeamShare.SharedKernel.Http;
using TeamShare.SharedKernel.Modules;

namespace TeamShare.Identity.Passkeys;

/// <summary>
/// Issue 29: TeamShare as a WebAuthn relying party. Its id and origin are the public address (<c>TeamShare:PublicBaseUrl</c>,
/// else where the server listens), never the request's Host header, so a passkey is bound to the one name members reach the
/// server by. A browser accepts only a domain name there (localhost included), not an IP address.
/// </summary>
internal sealed class RelyingParty(IOptions<TeamShareOptions> options, IServer server)
{
    private IFido2? _fido2;

    // Made at first use, when the server knows the address it listens on.
    public IFido2 Fido2 => _fido2 ??= Create();

    private Fido2NetLib.Fido2 Create()
    {
        var origin = PublicAddress.Of(options.Value, server);
        return new Fido2NetLib.Fido2(new Fido2Configuration
        {
            ServerDomain = new Uri(origin).Host, ServerName = "TeamShare", Origins = new HashSet<string> { origin },
        });
    }
}
