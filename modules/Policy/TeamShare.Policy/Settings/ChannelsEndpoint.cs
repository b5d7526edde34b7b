using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using TeamShare.Policy.Decisions;
using TeamShare.SharedKernel.Channels;
using TeamShare.SharedKernel.Security;

namespace TeamShare.Policy.Settings;

internal sealed record AvailableChannel(string Name, string DisplayName, string CanShare, bool Available);

internal static class ChannelsEndpoint
{
    /// <summary>GET /api/channels: the sharing channels a member is offered (CH-1), each available only when policy allows it.</summary>
    public static async Task<IResult> Handle(ClaimsPrincipal user, ISharingChannelRegistry registry, PolicyStore store, CancellationToken ct)
    {
        var teamId = user.GetTeamId();
        var policy = await store.ForTeamAsync(teamId, ct);
        var result = new List<AvailableChannel>();
        foreach (var channel in registry.All)
            result.Add(new AvailableChannel(channel.Name, channel.DisplayName, channel.CanShare.ToString(),
                policy.ExternalSharingEnabled && await store.ChannelOnAsync(teamId, channel.Name, ct)));
        return TypedResults.Ok(result);
    }
}
