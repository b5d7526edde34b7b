using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using TeamShare.SharedKernel.Data;

namespace TeamShare.Policy.Data;

/// <summary>
/// A team's sharing settings. A team without a row has the safe defaults below (docs/policy.md), so a new team never
/// waits for a row to exist.
/// </summary>
internal sealed class TeamPolicy
{
    public Guid TeamId { get; set; }
    public bool ExternalSharingEnabled { get; set; } = true;
    public bool LinksOutsideTeamEnabled { get; set; } = true;
    public DateTime UpdatedAt { get; set; }
    public Guid? UpdatedBy { get; set; }
}

/// <summary>AD-10: a channel switched off for sharing outside the team. No row means on.</summary>
internal sealed class ChannelSwitch
{
    public Guid TeamId { get; set; }
    public required string Channel { get; set; }
    public bool Enabled { get; set; }
}

internal sealed class PolicyDbContext(DbContextOptions<PolicyDbContext> options) : DbContext(options)
{
    public const string Module = "policy";

    public DbSet<TeamPolicy> Policies => Set<TeamPolicy>();
    public DbSet<ChannelSwitch> ChannelSwitches => Set<ChannelSwitch>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configuration) => configuration.UseUtcDateTimes();

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.Entity<TeamPolicy>(e =>
        {
            e.ToTable("policy_team_policies");
            e.HasKey(x => x.TeamId);
        });
        b.Entity<ChannelSwitch>(e =>
        {
            e.ToTable("policy_channel_switches");
            e.HasKey(x => new { x.TeamId, x.Channel });
            e.Property(x => x.Channel).HasMaxLength(64);
        });
    }
}

internal sealed class PolicyDbContextFactory : IDesignTimeDbContextFactory<PolicyDbContext>
{
    public PolicyDbContext CreateDbContext(string[] args) =>
        new(ModuleDatabaseRegistration.DesignTimeOptions<PolicyDbContext>(PolicyDbContext.Module));
}
