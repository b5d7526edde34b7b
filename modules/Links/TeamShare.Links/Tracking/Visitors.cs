using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using TeamShare.Links.Contracts;
using TeamShare.SharedKernel.Http;

namespace TeamShare.Links.Tracking;

/// <summary>
/// What the sharer's timeline may say about a visitor (issue 11): the browser family and the network, never the full address
/// or user agent, so an outsider is approximately placed and not identified.
/// </summary>
internal static class Visitors
{
    // Order matters: Edge and Opera also say "Chrome", Chrome also says "Safari".
    private static readonly (string Token, string Family)[] Families =
    [
        ("Edg/", "Edge"), ("OPR/", "Opera"), ("Firefox/", "Firefox"), ("Chrome/", "Chrome"), ("Chromium/", "Chrome"),
        ("Safari/", "Safari"), ("curl/", "curl"), ("Wget/", "Wget"), ("rclone/", "rclone"), ("cadaver/", "cadaver"),
        ("Microsoft-WebDAV", "Windows WebDAV"), ("WebDAVFS", "macOS WebDAV"), ("python", "a script"),
    ];

    public static LinkUsed Used(HttpContext http, Guid shareId, Guid teamId, string kind, Guid? itemId, DateTime at) =>
        Used(http.Request.Headers[HeaderNames.UserAgent].ToString(), http.Connection.RemoteIpAddress, shareId, teamId, kind, itemId, at);

    public static LinkUsed Used(Opening.LinkVisitor visitor, Guid shareId, Guid teamId, string kind, Guid? itemId, DateTime at) =>
        Used(visitor.UserAgent, visitor.Address, shareId, teamId, kind, itemId, at);

    private static LinkUsed Used(string? userAgent, IPAddress? address, Guid shareId, Guid teamId, string kind, Guid? itemId, DateTime at) =>
        new(shareId, teamId, kind, itemId, at) { Client = ClientOf(userAgent), Network = NetworkOf(address) };

    public static string ClientOf(string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent)) return "unknown";
        foreach (var (token, family) in Families)
            if (userAgent.Contains(token, StringComparison.OrdinalIgnoreCase)) return family;
        return "other";
    }

    public static string NetworkOf(IPAddress? address) => ClientAddress.Network(address, 24, 48);
}
