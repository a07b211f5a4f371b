using VmiGrains.Domain.Network;

namespace VmiGrains.Domain.Tests.Network;

public sealed class IfbCommandsTests
{
    [Theory]
    [InlineData("vnet0")]
    [InlineData("a-fifteen-chars")]
    public void DeviceFor_AnyTap_OursByPrefixStableAndWithinIfnamsiz(string tap)
    {
        var ifb = IfbCommands.DeviceFor(tap);

        Assert.StartsWith(IfbCommands.DevicePrefix, ifb, StringComparison.Ordinal);
        Assert.Equal(ifb, IfbCommands.DeviceFor(tap));
        Assert.True(ifb.Length <= 15, ifb);
        Assert.Empty(InterfaceNames.Validate([ifb], "ifb"));
    }

    [Fact]
    public void DeviceFor_DifferentTaps_DifferentDevices()
    {
        Assert.NotEqual(IfbCommands.DeviceFor("vnet0"), IfbCommands.DeviceFor("vnet1"));
    }

    [Fact]
    public void Redirect_Tap_MatchesEverythingOnIngressIntoTheIfb()
    {
        Assert.Equal(
            ["filter", "add", "dev", "vnet0", "parent", "ffff:", "protocol", "all", "prio", "1", "u32", "match", "u32", "0", "0", "action", "mirred", "egress", "redirect", "dev", "vmib12345678"],
            IfbCommands.Redirect("vnet0", "vmib12345678"));
    }

    [Fact]
    public void DeviceFor_NotAnInterfaceName_Refused()
    {
        Assert.Throws<NetworkConfigurationException>(() => IfbCommands.DeviceFor("-rf /"));
    }
}
