using System.Net;
using Microsoft.Extensions.Options;
using TeamShare.SharedKernel.Http;
using TeamShare.SharedKernel.Modules;

namespace TeamShare.UnitTests;

/// <summary>Issue 14 finding 5: outbound requests reach public addresses only, unless the operator allows a network.</summary>
public sealed class OutboundGuardTests
{
    private static OutboundGuard Guard(params string[] allowed) =>
        new(Options.Create(new TeamShareOptions { Outbound = new OutboundOptions { AllowedNetworks = allowed } }));

    [Theory]
    [InlineData("127.0.0.1")] [InlineData("127.8.9.10")] [InlineData("10.0.0.1")] [InlineData("172.16.5.4")] [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")] [InlineData("169.254.169.254")] [InlineData("100.64.0.1")] [InlineData("0.0.0.0")] [InlineData("224.0.0.1")]
    [InlineData("255.255.255.255")] [InlineData("::1")] [InlineData("::")] [InlineData("fe80::1")] [InlineData("fd00::1")]
    [InlineData("::ffff:10.0.0.1")] [InlineData("::ffff:127.0.0.1")]
    public void An_inner_address_is_refused(string address) => Assert.False(Guard().Allows(IPAddress.Parse(address)));

    /// <summary>Issue 27 L2: IPv6 forms that reach an IPv4 address inside them.</summary>
    [Theory]
    [InlineData("::127.0.0.1")] [InlineData("::8.8.8.8")] [InlineData("::ffff:0:127.0.0.1")] [InlineData("2002:7f00:1::1")] [InlineData("2002:a00:1::")]
    [InlineData("64:ff9b::127.0.0.1")] [InlineData("64:ff9b::10.1.2.3")] [InlineData("64:ff9b:1::8.8.8.8")] [InlineData("100::1")]
    [InlineData("2001:0:4136:e378:8000:63bf:3fff:fdd2")]
    public void L2_an_IPv6_form_carrying_an_inner_IPv4_address_is_refused(string address) => Assert.False(Guard().Allows(IPAddress.Parse(address)));

    [Theory]
    [InlineData("2002:808:808::1")] [InlineData("64:ff9b::8.8.8.8")]
    public void L2_an_IPv6_form_carrying_a_public_IPv4_address_is_allowed(string address) => Assert.True(Guard().Allows(IPAddress.Parse(address)));

    [Fact]
    public void L2_the_host_literal_of_an_IPv4_compatible_address_is_refused() => Assert.False(Guard().AllowsHost("[::127.0.0.1]"));

    [Theory]
    [InlineData("8.8.8.8")] [InlineData("172.32.0.1")] [InlineData("1.1.1.1")] [InlineData("2606:4700:4700::1111")] [InlineData("::ffff:8.8.8.8")]
    public void A_public_address_is_allowed(string address) => Assert.True(Guard().Allows(IPAddress.Parse(address)));

    [Fact]
    public void An_operator_allows_one_inner_network_and_no_other()
    {
        var guard = Guard("10.0.0.0/24");
        Assert.True(guard.Allows(IPAddress.Parse("10.0.0.7")));
        Assert.False(guard.Allows(IPAddress.Parse("10.0.1.7")));
        Assert.False(guard.AllowsHost("localhost"));
        Assert.False(guard.AllowsHost("[::1]"));
        Assert.True(guard.AllowsHost("chat.example.com"));
    }
}
