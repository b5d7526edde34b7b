namespace TeamShare.IntegrationTests;

/// <summary>A clock the tests move by hand, so expiry is tested without waiting. A test class shares its host, so a class
/// whose tests move it takes a fresh one per test (<c>_clock = factory.Clock.Restart()</c>, run for each test).</summary>
public sealed class TestClock : TimeProvider
{
    private DateTimeOffset _now = DateTimeOffset.UtcNow;
    public override DateTimeOffset GetUtcNow() => _now;
    public void Advance(TimeSpan by) => _now += by;

    /// <summary>Back to the real time: each test starts from now, whatever an earlier test of its class moved forward.</summary>
    public TestClock Restart()
    {
        _now = DateTimeOffset.UtcNow;
        return this;
    }
}
