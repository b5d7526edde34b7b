using System.Net;
using OpenTelemetry.Metrics;
using TeamShare.SharedKernel.Observability;

namespace TeamShare.Host.Startup;

/// <summary>
/// Issue 23: Prometheus metrics at <c>/metrics</c>: requests and their durations, Kestrel connections, the runtime (GC, thread
/// pool, memory) and TeamShare's own counters (<see cref="TeamShareMetrics"/>). Only for the networks in
/// <c>TeamShare:Metrics:AllowedNetworks</c> (default: this machine); anyone else gets 404, as GitLab's monitoring whitelist does.
/// </summary>
internal static class Metrics
{
    public const string Path = "/metrics";

    public static void AddTeamShareMetrics(this IServiceCollection services)
    {
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(TeamShareMetrics.MeterName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Runtime")
            .AddPrometheusExporter());
        services.AddHostedService<GaugeSampler>();
    }

    /// <summary>Before routing: a scrape from elsewhere is answered as if there were nothing here.</summary>
    public static void UseMetricsNetworks(this WebApplication app, string[] allowedNetworks)
    {
        IPNetwork[] allowed = [.. allowedNetworks.Select(IPNetwork.Parse)];
        app.UseWhen(http => http.Request.Path.Equals(Path, StringComparison.OrdinalIgnoreCase) && !Allows(allowed, http.Connection.RemoteIpAddress),
            refused => refused.Run(http =>
            {
                http.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }));
    }

    public static void MapMetrics(this WebApplication app) => app.MapPrometheusScrapingEndpoint(Path).AllowAnonymous();

    private static bool Allows(IPNetwork[] allowed, IPAddress? address) =>
        address is not null && allowed.Any(n => n.Contains(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address));
}
