namespace TeamShare.SharedKernel.Modules;

/// <summary>Creates a module's part of the demo teams; runs once per start when SeedDemo is on and must be idempotent.</summary>
public interface IDemoSeeder
{
    /// <summary>Lower runs first: identity before spaces.</summary>
    int Order { get; }
    Task SeedAsync(CancellationToken cancellationToken);
}
