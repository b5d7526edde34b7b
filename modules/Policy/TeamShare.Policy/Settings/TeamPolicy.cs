using Mediator;
using Microsoft.EntityFrameworkCore;
using TeamShare.Policy.Activity;
using TeamShare.Policy.Data;
using TeamShare.Policy.Decisions;
using TeamShare.SharedKernel.Channels;
using TeamShare.SharedKernel.Http;

namespace TeamShare.Policy.Settings;

internal sealed record PolicyResponse(PolicySettings Settings, IReadOnlyList<ChannelState> Channels)
{
    // Flattened for scripts: the settings' fields sit beside "channels".
    public bool ExternalSharingEnabled => Settings.ExternalSharingEnabled;
    public bool LinksOutsideTeamEnabled => Settings.LinksOutsideTeamEnabled;
    public string EmailMode => Settings.EmailMode;
}

internal sealed record UpdatePolicyRequest(PolicySettings? Settings, Dictionary<string, bool>? Channels);

/// <summary>A team's sharing policy and channel switches (AD-1..AD-10).</summary>
internal sealed record GetPolicy(Guid TeamId) : IRequest<PolicyResponse>;

/// <summary>Changes a team's settings; every change is recorded with who, when, before and after (AD-12).</summary>
internal sealed record UpdatePolicy(Guid TeamId, Guid ActorId, UpdatePolicyRequest Change) : IRequest<Outcome<PolicyResponse>>;

internal sealed class GetPolicyHandler(PolicyDbContext db, PolicyStore store, ISharingChannelRegistry registry) : IRequestHandler<GetPolicy, PolicyResponse>
{
    public async ValueTask<PolicyResponse> Handle(GetPolicy request, CancellationToken ct)
    {
        var teamId = request.TeamId;
        var policy = await store.ForTeamAsync(teamId, ct);
        var off = await db.ChannelSwitches.AsNoTracking().Where(s => s.TeamId == teamId && !s.Enabled).Select(s => s.Channel).ToListAsync(ct);
        var channels = registry.All.Select(c => new ChannelState(c.Name, c.DisplayName, c.PolicySwitch, c.CanShare.ToString(),
            c.IsActive, !off.Contains(c.Name))).ToList();
        return new PolicyResponse(PolicySettings.From(policy), channels);
    }
}

internal sealed class UpdatePolicyHandler(PolicyDbContext db, ISharingChannelRegistry registry, ActivityLog log, TimeProvider clock, IMediator mediator)
    : IRequestHandler<UpdatePolicy, Outcome<PolicyResponse>>
{
    public async ValueTask<Outcome<PolicyResponse>> Handle(UpdatePolicy update, CancellationToken ct)
    {
        var (teamId, actorId, request) = (update.TeamId, update.ActorId, update.Change);
        var current = await mediator.Send(new GetPolicy(teamId), ct);
        var settings = request.Settings ?? current.Settings;
        if (settings.Problems() is { Count: > 0 } errors) return Outcome<PolicyResponse>.Invalid(errors);
        foreach (var name in request.Channels?.Keys ?? Enumerable.Empty<string>())
            if (registry.Find(name) is null) return Outcome<PolicyResponse>.Invalid("channels", $"There is no channel named {name}.");

        var now = clock.GetUtcNow().UtcDateTime;
        var row = await db.Policies.FirstOrDefaultAsync(p => p.TeamId == teamId, ct);
        if (row is null) db.Policies.Add(row = new TeamPolicy { TeamId = teamId });
        settings.ApplyTo(row);
        row.UpdatedAt = now;
        row.UpdatedBy = actorId;
        foreach (var (setting, before, after) in PolicySettings.Differences(current.Settings, settings))
            log.Add(teamId, actorId, "policy_changed", null, setting, $"{before} → {after}", now);

        foreach (var (name, enabled) in request.Channels ?? new Dictionary<string, bool>())
        {
            var was = current.Channels.Single(c => c.Name == name).Enabled;
            if (was == enabled) continue;
            var sw = await db.ChannelSwitches.FirstOrDefaultAsync(s => s.TeamId == teamId && s.Channel == name, ct);
            if (sw is null) db.ChannelSwitches.Add(sw = new ChannelSwitch { TeamId = teamId, Channel = name });
            sw.Enabled = enabled;
            log.Add(teamId, actorId, "policy_changed", null, $"channel:{name}", $"{(was ? "on" : "off")} → {(enabled ? "on" : "off")}", now);
        }
        await db.SaveChangesAsync(ct);
        return Outcome<PolicyResponse>.Success(await mediator.Send(new GetPolicy(teamId), ct));
    }
}
