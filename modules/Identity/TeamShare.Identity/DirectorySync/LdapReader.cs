using System.DirectoryServices.Protocols;
using System.Net;
using TeamShare.Identity.Data;
using TeamShare.SharedKernel.Http;

namespace TeamShare.Identity.DirectorySync;

/// <param name="Dn">Normalized (<see cref="LdapReader.NormalizeDn"/>), as group members are compared with it.</param>
internal sealed record DirectoryPerson(string Dn, string Email, string Name);

internal sealed record DirectoryGroup(string Name, IReadOnlyList<string> MemberDns);

internal sealed record DirectorySnapshot(IReadOnlyList<DirectoryPerson> People, IReadOnlyList<DirectoryGroup> Groups);

/// <summary>The directory could not be read; the sentence is for the owner, whose server it is.</summary>
internal sealed class DirectoryUnavailableException(string message) : Exception(message);

/// <summary>
/// Reads a team's people and groups over LDAP v3 (<c>System.DirectoryServices.Protocols</c>, OpenLDAP's libldap on Linux):
/// a simple bind, subtree searches paged 500 at a time (Active Directory answers at most 1000 entries a page). The server is
/// reached like a webhook: only addresses <see cref="OutboundGuard"/> accepts, so a directory on an inner network needs the
/// operator's <c>TeamShare:Outbound:AllowedNetworks</c>.
/// </summary>
internal sealed class LdapReader(OutboundGuard outbound)
{
    private const int PageSize = 500;

    public async Task<DirectorySnapshot> ReadAsync(TeamDirectory settings, string? bindPassword, CancellationToken ct)
    {
        var uri = new Uri(settings.Url);
        var secure = uri.Scheme == "ldaps";
        var port = uri.IsDefaultPort || uri.Port <= 0 ? secure ? 636 : 389 : uri.Port;
        var addresses = IPAddress.TryParse(uri.Host, out var literal) ? [literal] : await ResolveAsync(uri.Host, ct);
        if (addresses.Length == 0 || !addresses.All(outbound.Allows))
            throw new DirectoryUnavailableException($"{uri.Host} is not an address this server may reach. The operator can allow its network (TeamShare:Outbound:AllowedNetworks).");
        return await Task.Run(() => Read(settings, bindPassword, uri.Host, port, secure), ct);
    }

    private static async Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct)
    {
        try { return await Dns.GetHostAddressesAsync(host, ct); }
        catch (System.Net.Sockets.SocketException) { throw new DirectoryUnavailableException($"{host} is not a known host name."); }
    }

    private static DirectorySnapshot Read(TeamDirectory s, string? bindPassword, string host, int port, bool secure)
    {
        try
        {
            using var connection = new LdapConnection(new LdapDirectoryIdentifier(host, port),
                string.IsNullOrEmpty(s.BindDn) ? null : new NetworkCredential(s.BindDn, bindPassword),
                string.IsNullOrEmpty(s.BindDn) ? AuthType.Anonymous : AuthType.Basic) { Timeout = TimeSpan.FromSeconds(30) };
            connection.SessionOptions.ProtocolVersion = 3;
            connection.SessionOptions.ReferralChasing = ReferralChasingOptions.None;
            if (secure) connection.SessionOptions.SecureSocketLayer = true;
            connection.Bind();

            var people = new List<DirectoryPerson>();
            foreach (var entry in Search(connection, s.BaseDn, s.UserFilter, s.EmailAttribute, s.NameAttribute))
                if (First(entry, s.EmailAttribute) is { Length: > 0 } email)
                    people.Add(new DirectoryPerson(NormalizeDn(entry.DistinguishedName), email.Trim(), First(entry, s.NameAttribute)?.Trim() ?? email));
            var groups = new List<DirectoryGroup>();
            foreach (var entry in Search(connection, s.BaseDn, s.GroupFilter, "cn", s.MemberAttribute))
                if (First(entry, "cn") is { Length: > 0 } name)
                    groups.Add(new DirectoryGroup(name.Trim(), [.. All(entry, s.MemberAttribute).Select(NormalizeDn)]));
            return new DirectorySnapshot(people, groups);
        }
        catch (Exception e) when (e is LdapException or DirectoryOperationException or DirectoryException)
        {
            throw new DirectoryUnavailableException($"The directory answered: {e.Message.TrimEnd('.')}.");
        }
    }

    private static IEnumerable<SearchResultEntry> Search(LdapConnection connection, string baseDn, string filter, params string[] attributes)
    {
        var request = new SearchRequest(baseDn, filter, SearchScope.Subtree, attributes);
        var paging = new PageResultRequestControl(PageSize);
        request.Controls.Add(paging);
        while (true)
        {
            var response = (SearchResponse)connection.SendRequest(request);
            foreach (SearchResultEntry entry in response.Entries) yield return entry;
            var cookie = response.Controls.OfType<PageResultResponseControl>().FirstOrDefault()?.Cookie;
            if (cookie is not { Length: > 0 }) yield break;
            paging.Cookie = cookie;
        }
    }

    private static string? First(SearchResultEntry entry, string attribute) => All(entry, attribute).FirstOrDefault();

    private static IEnumerable<string> All(SearchResultEntry entry, string attribute) =>
        entry.Attributes.Contains(attribute) ? entry.Attributes[attribute].GetValues(typeof(string)).Cast<string>() : [];

    /// <summary>A DN as members name it: case and the spaces after separators differ between servers and tools.</summary>
    public static string NormalizeDn(string dn) =>
        string.Join(',', dn.Split(',').Select(part => string.Join('=', part.Split('=').Select(p => p.Trim())))).ToLowerInvariant();
}
