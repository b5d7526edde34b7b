using Mediator;

namespace TeamShare.Canary;

/// <summary>A handler written in an endpoints file, where only the HTTP mapping belongs.</summary>
internal sealed class PingFromEndpointsHandler : IRequestHandler<OpenContract, int>
{
    public ValueTask<int> Handle(OpenContract request, CancellationToken cancellationToken) => ValueTask.FromResult(2);
}
