using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using System.Text.Json;
using System.Text.Json.Serialization;
using Hangfire;
using Microsoft.Extensions.Options;
using TeamShare.SharedKernel.Http;
using TeamShare.Host.Data;
using TeamShare.Host.Jobs;
using TeamShare.SharedKernel.Jobs;
using TeamShare.Host.Startup;
using TeamShare.SharedKernel.Modules;
using TeamShare.SharedKernel.Localization;
using TeamShare.SharedKernel.Security;

ThreadPoolFloor.Apply();
var builder = WebApplication.CreateBuilder(args);
// Each module serves its own scripts from its Razor class library (/_content/TeamShare.<Module>/…). Outside Development the
// framework would read them only from a published wwwroot; a build's static-web-assets manifest serves them from the modules.
builder.WebHost.UseStaticWebAssets();
if (SettingsCheck.Problems(builder.Configuration) is { Count: > 0 } problems)
{
    foreach (var problem in problems) Console.Error.WriteLine($"TeamShare cannot start: {problem}");
    return StartFailure.ExitCode;
}
var services = builder.Services;
// Request URLs carry link and QR tokens. appsettings.json keeps the framework's request logs at Warning; without it (another
// content root) they would be written at Information, tokens and all (issue 14 finding 11). An operator can still lower it.
builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
// appsettings.json picks it (Logging:Console:FormatterName); "simple" gives the framework's plain text back.
builder.Logging.AddConsoleFormatter<JsonLogLines, Microsoft.Extensions.Logging.Console.ConsoleFormatterOptions>();

services.Configure<TeamShareOptions>(builder.Configuration.GetSection(TeamShareOptions.Section));
services.AddSingleton(TimeProvider.System);
var teamShareOptions = builder.Configuration.GetSection(TeamShareOptions.Section).Get<TeamShareOptions>() ?? new TeamShareOptions();
string[] commands = [CopyDatabaseCommand.Verb, ResendFailedMailCommand.Verb, CheckCommand.Verb, Maintenance.Verb, BackupCommands.Backup, BackupCommands.Restore];
var serving = args is not [var verb, ..] || !commands.Contains(verb);
services.AddDataProtectionKeys(builder.Configuration, teamShareOptions, serving);
services.AddSingleton<StartupState>();
services.AddSingleton<MaintenanceSwitch>();
services.AddSingleton<IJobTrigger, HangfireJobTrigger>();
services.AddSingleton<IJobSchedule, HangfireJobSchedule>();
foreach (var module in Modules.All) module.AddServices(services, builder.Configuration);

services.AddMediator(options =>
{
    options.ServiceLifetime = ServiceLifetime.Scoped;
    // Whoever sends a request (an endpoint, a page, a job, another module), its validator runs first; what its handler staged
    // and saved is published after the commit (issue 26.1).
    options.PipelineBehaviors = [typeof(TeamShare.SharedKernel.Validation.ValidationBehavior<,>), typeof(TeamShare.SharedKernel.Data.PublishAfterCommit<,>)];
});
services.AddScoped<TeamShare.SharedKernel.Data.StagedNotifications>();
services.AddRazorPages().AddViewLocalization();
services.AddTeamShareLocalization();
// Polish letters are written as they are, not as &#x…; entities (HTML-encoding still escapes what is markup).
services.AddWebEncoders(o => o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
// Before AddProblemDetails: the first writer that can write wins, so browsers get pages and scripts keep JSON.
services.AddSingleton<Microsoft.AspNetCore.Http.IProblemDetailsWriter, HtmlProblems>();
services.AddProblemDetails(o => o.CustomizeProblemDetails = ProblemWords.Localize);
services.AddExceptionHandler<BadRequestProblems>();
services.AddExceptionHandler<InvalidRequestProblems>();
services.AddExceptionHandler<UnavailableProblems>();
services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
services.AddOpenApi();
services.AddAntiforgery(o =>
{
    o.HeaderName = "RequestVerificationToken";
    o.Cookie.Name = "teamshare.af";
    // Our own X-Frame-Options: DENY (and CSP frame-ancestors) apply; the antiforgery default would set SAMEORIGIN on forms.
    o.SuppressXFrameOptionsHeader = true;
});
services.ConfigureHttpJsonOptions(o =>
{
    o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
    o.SerializerOptions.Converters.Add(new NoNulStrings());
});
services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<TeamShareOptions>>((forwarded, teamShare) =>
{
    // Loopback proxies are trusted by default (a proxy on the same machine); others only when configured.
    forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
    foreach (var proxy in teamShare.Value.TrustedProxies) forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
});
services.AddOptions<Microsoft.AspNetCore.Authorization.AuthorizationOptions>().Configure<IOptions<TeamShareOptions>>((authorization, teamShare) =>
    // The job dashboard takes the browser session only (issue 29): a token, kept by a script, never reaches every team's jobs.
    authorization.AddPolicy(TeamShareClaims.OperatorPolicy, p => p.AddAuthenticationSchemes(TeamShareClaims.CookieScheme).RequireAuthenticatedUser()
        .RequireAssertion(c => c.User.IsOperator(teamShare.Value.Operators))));
services.AddAnonymousRateLimits(teamShareOptions.RateLimits);
services.AddHealthChecks().AddCheck<ReadinessCheck>("ready");
services.AddTeamShareMetrics();
services.AddJobStorage(builder.Configuration, teamShareOptions);
if (!teamShareOptions.Database.IsPostgres) services.AddRecurringJob<SqliteStatistics>(SqliteStatistics.Id, "37 * * * *");
// A host that does not schedule (tests running sweeps by hand) needs no workers; the dashboard reads the storage alone.
if (builder.Configuration.GetValue<bool?>($"{TeamShareOptions.Section}:{nameof(TeamShareOptions.ScheduleJobs)}") ?? true)
    services.AddHangfireServer(o => o.WorkerCount = Math.Min(4, Environment.ProcessorCount * 2));

var app = builder.Build();
if (teamShareOptions.Database.IsPostgres && !File.Exists(KeyProtection.PathOf(teamShareOptions)))
    app.Logger.LogWarning("TeamShare:Keys:CertificatePath is not set: the data-protection keys are stored unencrypted in PostgreSQL (docs/security.md)");
if (args is [CopyDatabaseCommand.Verb, ..]) return await CopyDatabaseCommand.RunAsync(app.Services, args);
if (args is [ResendFailedMailCommand.Verb, ..]) return await ResendFailedMailCommand.RunAsync(app.Services);
if (args is [CheckCommand.Verb, ..]) return await CheckCommand.RunAsync(app.Services, args);
if (args is [Maintenance.Verb, ..]) return Maintenance.Run(app.Services, args);
if (args is [BackupCommands.Backup, ..]) return await BackupCommands.BackupAsync(app.Services, args);
if (args is [BackupCommands.Restore, ..]) return BackupCommands.RestoreFrom(app.Services, args);

if (await StartFailure.ExplainAsync(() => DatabaseStartup.PrepareAsync(app.Services)) is { } failure)
{
    Console.Error.WriteLine($"TeamShare cannot start: {failure}");
    return StartFailure.ExitCode;
}
if (app.Services.GetRequiredService<IOptions<TeamShareOptions>>().Value.ScheduleJobs) app.ScheduleModuleJobsOnceStarted();

app.UseForwardedHeaders();
app.UseMetricsNetworks(teamShareOptions.Metrics.AllowedNetworks);
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseSecurityHeaders();
app.UseKnownCharsets();
app.UseNoNulCharacters();
app.UseStaticFiles();
app.UseRouting();
app.UseAuthentication();
// After authentication: the member's own language comes from their account.
app.UseRequestLocalization();
app.UseMaintenance();
app.UseRateLimiter();
app.UseAuthorization();
app.UseTokenScopes();
app.UseTwoFactorRequirement();
app.UseApiAntiforgery();
app.UseAntiforgery();
// Last before the endpoints: a link page served from the cache (RecipientPageCache) has passed every check above.
app.UseOutputCache();

// Every module's routes sit behind the one body-validation seam (fails closed: see BodyValidation).
var routes = app.MapGroup("").ValidateBodies();
foreach (var module in Modules.All) module.MapEndpoints(routes);
app.MapRazorPages();
app.MapOpenApi().AllowAnonymous();
app.MapHealthChecks("/health/ready").AllowAnonymous();
app.MapMetrics();
// Liveness: the process answers; no check, so a database outage makes an instance unready, never restarted for it.
app.MapHealthChecks("/health/live", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
app.MapHangfireDashboard("/admin/jobs", new DashboardOptions
{
    Authorization = [new OperatorDashboardFilter(app.Services.GetRequiredService<IOptions<TeamShareOptions>>())],
    DashboardTitle = "TeamShare jobs",
    AppPath = "/files",
}).RequireAuthorization(TeamShareClaims.OperatorPolicy);
app.MapGet("/", () => TypedResults.Redirect("/files")).ExcludeFromDescription();
app.MapUnknownRoutes();

await app.RunAsync();
return 0;

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
