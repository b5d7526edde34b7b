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

    public static string Key(IPAddress? address)
    {
        if (address is null) return "unknown";
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return $"{new IPAddress(bytes)}/64";
    }
}
