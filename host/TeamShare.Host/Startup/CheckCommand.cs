using Mediator;
using TeamShare.Spaces.Contracts;

namespace TeamShare.Host.Startup;

/// <summary>
/// <c>TeamShare.Host check [--repair]</c>, run with the deployment's settings (also while it runs): every file's content
/// present with its SHA-256 and size, unnamed contents listed and, with --repair, those past the grace period removed.
/// Exit code 0 when nothing is missing or damaged, 1 otherwise, so a cron job or a monitor can act on it (issue 23).
/// </summary>
internal static class CheckCommand
{
    public const string Verb = "check";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var report = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new CheckBlobs(args.Contains("--repair")), ct);
        foreach (var line in report.Missing) Console.WriteLine($"missing  {line}");
        foreach (var line in report.Damaged) Console.WriteLine($"damaged  {line}");
        foreach (var line in report.Unnamed) Console.WriteLine($"unnamed  {line}");
        Console.WriteLine($"{report.Named} contents named by files: {report.Missing.Count} missing, {report.Damaged.Count} damaged; " +
                          $"{report.Unnamed.Count} stored contents nothing names" +
                          (args.Contains("--repair") ? $", {report.Removed} removed (the rest are younger than the grace period)." : " (check --repair removes those past the grace period)."));
        return report.Healthy ? 0 : 1;
    }
}
