using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using TeamShare.SharedKernel.Modules;

namespace TeamShare.SharedKernel.Http;

/// <summary>The address an outbound request was about to reach is not public, and the operator has not allowed it.</summary>
public sealed class OutboundRefusedException(string host) : HttpRequestException($"Outbound request to {host} refused: not a public address.");

/// <summary>
/// Outbound requests (webhooks, and anything later) reach only public addresses: loopback, link-local, private, shared
/// (CGNAT), multicast and reserved ranges are refused unless the operator lists them in
/// <c>TeamShare:Outbound:AllowedNetworks</c>. Judged on the resolved address the connection is made to, so a name that
/// resolves (or re-resolves) to an inner address is refused too.
/// </summary>
public sealed class OutboundGuard(IOptions<TeamShareOptions> options)
{
    private static readonly IPNetwork[] NotPublic = [.. new[]
    {
        "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24",
        "192.168.0.0/16", "198.18.0.0/15", "224.0.0.0/4", "240.0.0.0/4",
        "::/128", "::1/128", "fc00::/7", "fe80::/10", "ff00::/8", "64:ff9b::/96", "2001:db8::/32",
    }.Select(IPNetwork.Parse)];

    private readonly IPNetwork[] _allowed = [.. options.Value.Outbound.AllowedNetworks.Select(IPNetwork.Parse)];

    public bool Allows(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        return _allowed.Any(n => n.Contains(address)) || !NotPublic.Any(n => n.Contains(address));
    }

    /// <summary>False for an address literal or <c>localhost</c> that <see cref="Allows"/> refuses; names are judged when connecting.</summary>
    public bool AllowsHost(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
            ? Allows(IPAddress.Loopback)
            : !IPAddress.TryParse(host.Trim('[', ']'), out var literal) || Allows(literal);

    /// <summary>A handler that connects only to addresses <see cref="Allows"/> accepts, and follows no redirects.</summary>
    public SocketsHttpHandler CreateHandler() => new()
    {
        AllowAutoRedirect = false,
        ConnectCallback = async (context, ct) =>
        {
            var host = context.DnsEndPoint.Host;
            var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
            var allowed = addresses.Where(Allows).ToArray();
            if (allowed.Length == 0) throw new OutboundRefusedException(host);
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };
}
