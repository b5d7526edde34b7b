using System.Net;
using DnsClient;
using Microsoft.Extensions.Options;
using TeamShare.SharedKernel.Modules;

namespace TeamShare.SharedKernel.Http;

/// <summary>
/// LK-10 (link domains) and issue 29 (e-mail domains for single sign-on): a team proves it controls a domain the way Google Workspace and Microsoft 365 ask: a TXT record at
/// <c>_teamshare.&lt;domain&gt;</c> holding the team's token. Only whether the record is there is kept; what a DNS server
/// answered otherwise is not shown to tenants.
/// </summary>
public sealed class DomainVerifier(IOptions<TeamShareOptions> options)
{
    public const string Prefix = "_teamshare.";
    public const string TakenMessage = "Another team already uses this domain.";
    public static string RecordName(string domain) => Prefix + domain;
    public static string RecordValue(string token) => $"teamshare-verification={token}";

    private readonly LookupClient _dns = options.Value.Outbound.DnsServers is { Length: > 0 } servers
        ? new LookupClient(new LookupClientOptions(servers.Select(ParseEndpoint).ToArray()) { UseCache = false, Timeout = TimeSpan.FromSeconds(3), Retries = 1 })
        : new LookupClient(new LookupClientOptions { UseCache = false, Timeout = TimeSpan.FromSeconds(3), Retries = 1 });

    /// <summary>What a team's claim comes to: a domain another team proved is refused before any DNS query.</summary>
    public async Task<DomainProof> ProveAsync(string domain, string token, Func<CancellationToken, Task<bool>> provenByAnotherTeam, CancellationToken ct) =>
        await provenByAnotherTeam(ct) ? DomainProof.Taken : await HasRecordAsync(domain, token, ct) ? DomainProof.Proven : DomainProof.NoRecord;

    /// <summary>Why a claim was not proven, in the words the owner of the claim sees.</summary>
    public static string MissingRecordMessage(string domain, string token) =>
        $"No TXT record \"{RecordValue(token)}\" was found at {RecordName(domain)} yet. DNS changes can take a while to appear; try again later.";

    public async Task<bool> HasRecordAsync(string domain, string token, CancellationToken ct)
    {
        try
        {
            var answer = await _dns.QueryAsync(RecordName(domain), QueryType.TXT, cancellationToken: ct);
            return answer.Answers.TxtRecords().Any(r => r.Text.Any(t => t.Trim() == RecordValue(token)));
        }
        catch (DnsResponseException)
        {
            return false;
        }
    }

    private static IPEndPoint ParseEndpoint(string server) =>
        IPEndPoint.TryParse(server, out var endpoint) ? endpoint.Port == 0 ? new IPEndPoint(endpoint.Address, 53) : endpoint
            : throw new InvalidOperationException($"TeamShare:Outbound:DnsServers: '{server}' is not an address (ip or ip:port).");
}

/// <summary>A team's claim on a domain: proven now, proven by another team already, or its TXT record not (yet) found.</summary>
public enum DomainProof { Proven, Taken, NoRecord }
