using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace TeamShare.SharedKernel.Security;

/// <summary>ASP.NET Core Identity's hasher (format v3: PBKDF2-HMAC-SHA512) at 210 000 iterations, the OWASP 2023 figure.</summary>
public sealed class PasswordHashing
{
    public const int Iterations = 210_000;
    private static readonly object Subject = new();
    private readonly PasswordHasher<object> _hasher;

    /// <summary>Verifying against this keeps the time of an unknown e-mail equal to a wrong password's.</summary>
    private readonly Lazy<string> _dummyHash;

    public PasswordHashing() : this(Iterations) { }

    /// <summary>
    /// Fewer iterations only for the test suite's in-process hosts, which sign in a thousand times a run; the server always uses
    /// <see cref="Iterations"/> (a unit test reads the count from a hash it makes). A stored hash carries its own count, so
    /// verification follows whatever made it.
    /// </summary>
    public PasswordHashing(int iterations)
    {
        _hasher = new(Options.Create(new PasswordHasherOptions
        {
            CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV3,
            IterationCount = iterations,
        }));
        _dummyHash = new(() => Hash("not-a-real-password"));
    }

    public string Hash(string password) => _hasher.HashPassword(Subject, password);

    /// <summary>
    /// On the hashing threads (<see cref="HashingThreads"/>): a burst of sign-ins or link unlocks waits its turn there, at a
    /// lower priority, instead of taking the request threads, so other requests keep being served while it lasts (B3).
    /// </summary>
    public Task<bool> VerifyAsync(string? hash, string password, CancellationToken ct) =>
        HashingThreads.RunAsync(() => Verify(hash, password), ct);

    public bool Verify(string? hash, string password)
    {
        var result = _hasher.VerifyHashedPassword(Subject, hash ?? _dummyHash.Value, password);
        return hash is not null && result != PasswordVerificationResult.Failed;
    }
}
