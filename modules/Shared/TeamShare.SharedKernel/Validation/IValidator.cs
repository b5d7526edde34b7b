namespace TeamShare.SharedKernel.Validation;

/// <summary>
/// Checks of a request or a JSON body that need no lookup (a field present, a value among the allowed ones, a range the
/// right way round). What needs the database or the caller's role stays in the handler, which answers it as an
/// <see cref="Http.Outcome{T}"/>.
/// </summary>
public interface IValidator<in T>
{
    /// <summary>The fields that are wrong, each with what to do about it; empty when the value is well formed.</summary>
    IReadOnlyDictionary<string, string[]> Validate(T value);
}

/// <summary>Said on purpose for a body whose every rule needs a lookup, so "no checks" is a decision, never an omission.</summary>
public sealed class NoShapeChecks<T> : IValidator<T>
{
    private static readonly IReadOnlyDictionary<string, string[]> None = new Dictionary<string, string[]>();
    public IReadOnlyDictionary<string, string[]> Validate(T value) => None;
}

/// <summary>One field's refusal, for validators that check one thing.</summary>
public static class Invalid
{
    public static readonly IReadOnlyDictionary<string, string[]> None = new Dictionary<string, string[]>();

    public static IReadOnlyDictionary<string, string[]> Field(string field, string message) =>
        new Dictionary<string, string[]> { [field] = [message] };
}
