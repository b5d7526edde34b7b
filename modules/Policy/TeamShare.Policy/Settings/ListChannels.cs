using Mediator;
using TeamShare.Policy.Decisions;
using TeamShare.SharedKernel.Channels;

namespace TeamShare.Policy.Settings;

internal sealed record AvailableChannel(string Name, string DisplayName, string CanShare, bool Available);

/// <summary>The sharing channels a member is offered (CH-1), each available only when policy allows it.</summary>
internal sealed record ListChannels(Guid TeamId) : IRequest<IReadOnlyList<AvailableChannel>>;

internal sealed class ListChannelsHandler(ISharingChannelRegistry registry, PolicyStore store) : IRequestHandler<ListChannels, IReadOnlyList<AvailableChannel>>
{
    public async ValueTask<IReadOnlyList<AvailableChannel>> Handle(ListChannels r, CancellationToken ct)
    {
        var policy = await store.ForTeamAsync(r.TeamId, ct);
        var off = await store.ChannelsOffAsync(r.TeamId, ct);
        return registry.All.Select(channel => new AvailableChannel(channel.Name, channel.DisplayName, channel.CanShare.ToString(),
            policy.ExternalSharingEnabled && channel.IsActive && !off.Contains(channel.Name))).ToList();
    }
}
