using System.Net;
using TeamShare.SharedKernel.Http;

namespace TeamShare.UnitTests;

/// <summary>Issue 14 finding 11: throttles count IPv6 visitors by their /64, IPv4 by the address.</summary>
public sealed class ClientAddressTests
{
    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:3::1", "2001:db8:1:3::/64")]
    public void An_address_is_counted_by_its_key(string address, string key) => Assert.Equal(key, ClientAddress.Key(IPAddress.Parse(address)));

    [Fact]
    public void No_address_is_one_key() => Assert.Equal("unknown", ClientAddress.Key(null));
}
