using TeamShare.SharedKernel.Text;

namespace TeamShare.UnitTests;

public sealed class TimeZonesTests
{
    private static readonly DateTime Noon = new(2026, 7, 1, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Issue28_a_mail_time_is_written_in_the_readers_zone_with_its_name_and_summer_time_counts() =>
        Assert.Equal("2026-07-01 14:00 (Europe/Warsaw)", TimeZones.Format(Noon, "Europe/Warsaw"));

    [Theory]
    [InlineData(null)]
    [InlineData("UTC")]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("Central European Standard Time")]
    public void Issue28_without_a_known_zone_a_mail_says_UTC(string? zone) => Assert.Equal("2026-07-01 12:00 UTC", TimeZones.Format(Noon, zone));

    [Fact]
    public void Issue28_the_zones_offered_are_IANA_names_in_order_and_include_UTC()
    {
        Assert.Contains("UTC", TimeZones.All);
        Assert.Contains("America/New_York", TimeZones.All);
        Assert.Equal(TimeZones.All.Order(StringComparer.Ordinal), TimeZones.All);
        Assert.DoesNotContain(TimeZones.All, z => z != "UTC" && !z.Contains('/'));
    }
}
