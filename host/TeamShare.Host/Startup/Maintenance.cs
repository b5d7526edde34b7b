using Microsoft.Extensions.Options;
using TeamShare.SharedKernel.Modules;
using TeamShare.SharedKernel.Security;

namespace TeamShare.Host.Startup;

/// <summary>
/// Issue 23: maintenance mode, switched by the operator's <c>maintenance on|off</c>. The switch is a file in the blob
/// directory, the one place every instance shares whatever the database, so one command pauses them all. Read at most
/// every <c>TeamShare:MaintenanceCheckMilliseconds</c> (1000) per instance, so requests do not each ask the file system.
/// </summary>
internal sealed class MaintenanceSwitch(IOptions<TeamShareOptions> options)
{
    private readonly string _flag = Path.Combine(options.Value.FullBlobDirectory, "maintenance");
    private readonly long _interval = options.Value.MaintenanceCheckMilliseconds;
    private long _nextCheck;
    private volatile bool _on;

    public bool IsOn
    {
        get
        {
            var now = Environment.TickCount64;
            if (now >= Interlocked.Read(ref _nextCheck))
            {
                _on = File.Exists(_flag);
                Interlocked.Exchange(ref _nextCheck, now + _interval);
            }
            return _on;
        }
    }

    public void Set(bool on)
    {
        if (on) File.WriteAllText(_flag, $"since {DateTime.UtcNow:O}\n");
        else File.Delete(_flag);
        Interlocked.Exchange(ref _nextCheck, 0);
    }
}

internal static class Maintenance
{
    public const string Verb = "maintenance";

    /// <summary>
    /// While it is on: operators get in as usual (and anyone may sign in, so they can); link and invitation recipients get a
    /// notice that the file is briefly unavailable; members and scripts get 503 with Retry-After. Health endpoints answer.
    /// </summary>
    public static IApplicationBuilder UseMaintenance(this IApplicationBuilder app)
    {
        // Singletons, resolved once here rather than looked up on every request.
        var maintenance = app.ApplicationServices.GetRequiredService<MaintenanceSwitch>();
        var operators = app.ApplicationServices.GetRequiredService<IOptions<TeamShareOptions>>().Value.Operators;
        return app.Use(async (context, next) =>
        {
            if (!maintenance.IsOn || PassesThrough(context) || context.User.IsOperator(operators)) await next();
            else await RefuseAsync(context);
        });
    }

    private static async Task RefuseAsync(HttpContext context)
    {
        context.Response.Headers.RetryAfter = "300";
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        var recipient = context.Request.Path.StartsWithSegments("/s") || context.Request.Path.StartsWithSegments("/q")
                        || context.Request.Path.StartsWithSegments("/x") || context.Request.Path.StartsWithSegments("/dav/links");
        await Results.Problem(statusCode: 503, title: "Down for maintenance", extensions: new Dictionary<string, object?> { ["reason"] = "maintenance" },
            detail: recipient
                ? "This file is briefly unavailable while the service is being maintained. Please try the link again later."
                : "TeamShare is being maintained and will be back shortly. Nothing is lost; please try again later.").ExecuteAsync(context);
    }

    private static bool PassesThrough(HttpContext context)
    {
        var path = context.Request.Path;
        return path.StartsWithSegments("/health") || path.StartsWithSegments("/signin") || path.StartsWithSegments("/api/auth/tokens")
               || path.StartsWithSegments("/css") || path.StartsWithSegments("/js") || path.StartsWithSegments("/lib")
               || path.StartsWithSegments("/_content") || path.StartsWithSegments("/favicon.svg");
    }

    /// <summary><c>maintenance on|off</c>: switches every instance that shares this blob directory.</summary>
    public static int Run(IServiceProvider services, string[] args)
    {
        if (args is not [_, "on" or "off"])
        {
            Console.Error.WriteLine($"Usage: {Verb} on|off");
            return 64;
        }
        services.GetRequiredService<MaintenanceSwitch>().Set(args[1] == "on");
        Console.WriteLine(args[1] == "on"
            ? "Maintenance is on: members and recipients see a notice, background jobs pause, operators still get in."
            : "Maintenance is off.");
        return 0;
    }
}
