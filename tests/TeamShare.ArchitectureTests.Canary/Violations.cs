using Mediator;
using Microsoft.EntityFrameworkCore;
using TeamShare.Identity;

namespace TeamShare.Canary;

/// <summary>Uses another module's implementation assembly instead of its contracts.</summary>
public sealed class ReachesIntoIdentity
{
    public string Name => new IdentityModule().Name;
}

/// <summary>A contract that is not sealed.</summary>
public record OpenContract(string Value) : IRequest<int>;

/// <summary>A handler that is public, not sealed and badly named.</summary>
public class PingProcessor : IRequestHandler<OpenContract, int>
{
    public ValueTask<int> Handle(OpenContract request, CancellationToken cancellationToken) => ValueTask.FromResult(1);
}

/// <summary>A public DbContext.</summary>
public sealed class LeakyDbContext(DbContextOptions<LeakyDbContext> options) : DbContext(options);

/// <summary>An endpoint class that is not static.</summary>
public sealed class LeakyEndpoint
{
    public string Handle() => "hi";
}

/// <summary>Publishes a notification inline, past the publishing seam's two verbs.</summary>
public sealed class PublishesInline(IPublisher publisher)
{
    public async Task Tell(INotification n) => await publisher.Publish(n);
}

/// <summary>Stages a notification on the DbContext, so nothing publishes it after the commit.</summary>
public sealed class StagesDirectly(LeakyDbContext db)
{
    public void Tell<T>(T n) where T : INotification => TeamShare.SharedKernel.Data.DurableNotifications.Stage(db, n, Guid.NewGuid(), DateTime.UtcNow);
}

/// <summary>An endpoint that locates a service and takes a DbContext.</summary>
public static class LocatingEndpoints
{
    public static string Handle(Microsoft.AspNetCore.Http.HttpContext http, LeakyDbContext db) =>
        http.RequestServices.GetType().Name + db.GetType().Name;
}

/// <summary>A page model that locates a service.</summary>
public sealed class LocatingPageModel : Microsoft.AspNetCore.Mvc.RazorPages.PageModel
{
    public string OnGet() => HttpContext.RequestServices.GetType().Name;
}

public sealed record Pong(int Value) : IRequest<int>;

/// <summary>A handler that takes another handler instead of sending its request.</summary>
public sealed class PongHandler(PingProcessor ping) : IRequestHandler<Pong, int>
{
    public ValueTask<int> Handle(Pong request, CancellationToken cancellationToken) => ping.Handle(new OpenContract("x"), cancellationToken);
}

/// <summary>A request that carries the HttpContext instead of what its handler needs from it.</summary>
public sealed record CarriesHttp(Microsoft.AspNetCore.Http.HttpContext Http) : IRequest<int>;

/// <summary>A store of contents, as the modules have one.</summary>
public interface IBlobStore
{
    Task<string> WriteAsync(Stream source, long maxBytes, CancellationToken ct);
}

/// <summary>Writes an upload to the store itself, past the content intake (and its limits).</summary>
public sealed class WritesBlobsItself(IBlobStore blobs)
{
    public Task<string> Store(Stream body) => blobs.WriteAsync(body, long.MaxValue, CancellationToken.None);
}


/// <summary>Checks a field itself instead of leaving it to the request's validator, which pages and jobs meet too.</summary>
public static class ChecksItselfEndpoints
{
    public static Microsoft.AspNetCore.Http.IResult List(int? size) =>
        size is < 1 ? TeamShare.SharedKernel.Http.Problems.Field("size", "Use 1 or more.") : Microsoft.AspNetCore.Http.Results.Ok();
}
