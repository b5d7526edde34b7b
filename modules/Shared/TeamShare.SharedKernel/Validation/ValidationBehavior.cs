using Mediator;
using TeamShare.SharedKernel.Http;

namespace TeamShare.SharedKernel.Validation;

/// <summary>
/// Every request with a validator is checked before its handler runs, whoever sends it: an endpoint, a page, a job or
/// another module. A request answered with an <see cref="Outcome{T}"/> gets its refusal as one; any other is refused with
/// <see cref="InvalidRequestException"/>, which the host answers as 400 naming the fields.
/// </summary>
/// <remarks>
/// One validator per request (registered with <c>AddValidator</c>), taken as optional: most requests have none, and every
/// send passes here, so none is resolved as nothing rather than as an empty list.
/// </remarks>
public sealed class ValidationBehavior<TMessage, TResponse>(IValidator<TMessage>? validator = null) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken) =>
        validator?.Validate(message) is { Count: > 0 } errors
            ? ValueTask.FromResult(Refusals<TResponse>.Refuse(errors))
            : next(message, cancellationToken);
}

/// <summary>How a response type carries a refusal; found once per type, so a request pays no reflection.</summary>
internal static class Refusals<TResponse>
{
    private static readonly Func<IReadOnlyDictionary<string, string[]>, TResponse>? AsOutcome =
        typeof(TResponse).IsGenericType && typeof(TResponse).GetGenericTypeDefinition() == typeof(Outcome<>)
            ? typeof(TResponse).GetMethod(nameof(Outcome<int>.Invalid), [typeof(IReadOnlyDictionary<string, string[]>)])!
                .CreateDelegate<Func<IReadOnlyDictionary<string, string[]>, TResponse>>()
            : null;

    public static TResponse Refuse(IReadOnlyDictionary<string, string[]> errors) =>
        AsOutcome is { } outcome ? outcome(errors) : throw new InvalidRequestException(errors);
}

/// <summary>A request that failed its validator, for responses that cannot say so themselves.</summary>
public sealed class InvalidRequestException(IReadOnlyDictionary<string, string[]> errors)
    : Exception("The request is not valid: " + string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")))
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;
}
