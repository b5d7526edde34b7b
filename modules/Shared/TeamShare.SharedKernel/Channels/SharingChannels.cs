using Microsoft.Extensions.DependencyInjection;

namespace TeamShare.SharedKernel.Channels;

/// <summary>What a channel can carry (CH-1).</summary>
[Flags]
public enum ShareableKinds
{
    None = 0,
    Files = 1,
    Folders = 2,
    FilesAndFolders = Files | Folders,
}

/// <summary>A sharing channel plugin as registered with the host (CH-1, AD-10).</summary>
/// <param name="Name">Stable key, e.g. "links".</param>
/// <param name="PolicySwitch">The admin-policy switch (AD-10) that turns this channel on or off for sharing outside the team.</param>
/// <param name="IsActive">False while the channel is registered but does not send anything yet.</param>
public sealed record SharingChannel(string Name, string DisplayName, string PolicySwitch, ShareableKinds CanShare, bool IsActive);

public interface ISharingChannelRegistry
{
    IReadOnlyList<SharingChannel> All { get; }
    SharingChannel? Find(string name);
}

public static class SharingChannelRegistration
{
    /// <summary>The one seam a channel module uses to register itself; no other module changes.</summary>
    public static IServiceCollection AddSharingChannel(this IServiceCollection services, SharingChannel channel)
    {
        services.AddSingleton(channel);
        services.AddSingleton<ISharingChannelRegistry, SharingChannelRegistry>();
        return services;
    }

    private sealed class SharingChannelRegistry(IEnumerable<SharingChannel> channels) : ISharingChannelRegistry
    {
        private readonly IReadOnlyList<SharingChannel> _all = channels.DistinctBy(c => c.Name).ToList();
        public IReadOnlyList<SharingChannel> All => _all;
        public SharingChannel? Find(string name) => _all.FirstOrDefault(c => c.Name == name);
    }
}
