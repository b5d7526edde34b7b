using Microsoft.Extensions.DependencyInjection;

namespace TeamShare.SharedKernel.Jobs;

/// <summary>A recurring sweep. It reads its intent from the module's own tables, so running it twice changes nothing more.</summary>
public interface IRecurringJob
{
    Task RunAsync(CancellationToken cancellationToken);
}

/// <summary>What a module asks the host to schedule; the host owns Hangfire, modules never reference it.</summary>
public sealed record RecurringJobRegistration(string Id, string Cron, Type JobType);

public static class RecurringJobRegistrationExtensions
{
    public static IServiceCollection AddRecurringJob<TJob>(this IServiceCollection services, string id, string cron)
        where TJob : class, IRecurringJob
    {
        services.AddScoped<TJob>();
        services.AddSingleton(new RecurringJobRegistration(id, cron, typeof(TJob)));
        return services;
    }
}
