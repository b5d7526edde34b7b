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
