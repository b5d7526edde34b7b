using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;

namespace TeamShare.SharedKernel.Http;

/// <summary>
/// The address the throttles count a visitor by (ID-8, LK-11). IPv4 as is; IPv6 by its /64, since one subscriber is usually
/// given a whole /64 and could otherwise take a fresh address for every guess (issue 14 finding 11).
/// </summary>
public static class ClientAddress
{
    public static string Of(HttpContext http) => Key(http.Connection.RemoteIpAddress);

    public static string Key(IPAddress? address) =>
        address is null ? "unknown" : Native(address).AddressFamily == AddressFamily.InterNetworkV6 ? Network(address, 32, 64) : Native(address).ToString();

    /// <summary>The network an address is in, written as a prefix ("203.0.113.0/24"): IPv4 kept to its first
    /// <paramref name="v4Bits"/>, IPv6 to its first <paramref name="v6Bits"/> (whole bytes).</summary>
    public static string Network(IPAddress? address, int v4Bits, int v6Bits)
    {
        if (address is null) return "unknown";
        address = Native(address);
        var bytes = address.GetAddressBytes();
        var keep = (address.AddressFamily == AddressFamily.InterNetworkV6 ? v6Bits : v4Bits) / 8;
        Array.Clear(bytes, keep, bytes.Length - keep);
        return $"{new IPAddress(bytes)}/{keep * 8}";
    }

    private static IPAddress Native(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
