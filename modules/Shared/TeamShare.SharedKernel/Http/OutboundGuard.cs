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
/// resolves (or re-resolves) to an inner address is refused too. IPv6 forms that carry an IPv4 address (mapped, 6to4,
/// the well-known NAT64 prefix) are judged by the IPv4 address inside; the deprecated or local forms (IPv4-compatible,
/// IPv4-translated, local-use NAT64, Teredo, discard) are refused whole.
/// </summary>
public sealed class OutboundGuard(IOptions<TeamShareOptions> options)
{
    private static readonly IPNetwork[] NotPublic = [.. new[]
    {
        "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24",
        "192.168.0.0/16", "198.18.0.0/15", "224.0.0.0/4", "240.0.0.0/4",
        "192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24",
        "::/96", "::ffff:0:0:0/96", "64:ff9b:1::/48", "100::/64", "2001::/32", "2001:db8::/32", "fc00::/7", "fe80::/10", "ff00::/8",
    }.Select(IPNetwork.Parse)];

    private static readonly IPNetwork SixToFour = IPNetwork.Parse("2002::/16");
    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");

    private readonly IPNetwork[] _allowed = [.. options.Value.Outbound.AllowedNetworks.Select(IPNetwork.Parse)];

    public bool Allows(IPAddress address)
    {
        address = Inner(address);
        return _allowed.Any(n => n.Contains(address)) || !NotPublic.Any(n => n.Contains(address));
    }

    /// <summary>The IPv4 address a packet to <paramref name="address"/> ends up at, where an IPv6 form embeds one.</summary>
    private static IPAddress Inner(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) return address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address;
        var bytes = address.GetAddressBytes();
        if (SixToFour.Contains(address)) return new IPAddress(bytes.AsSpan(2, 4));
        if (Nat64.Contains(address)) return new IPAddress(bytes.AsSpan(12, 4));
        return address;
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
