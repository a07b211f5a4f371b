using VmiGrains.Domain.Network;

namespace VmiGrains.Domain.Tests.Network;

public sealed class GuestShapingScriptTests
{
    private const string Mac = "52:54:00:77:1A:10";

    [Fact]
    public void Apply_DelayAndJitter_FindsTheNicByMacLoadsNetemAndUsesFullPathTc()
    {
        var script = GuestShapingScript.Apply(Mac, new ShapingSpec(100, 10, null, null));

        Assert.Contains("= \"52:54:00:77:1a:10\"", script, StringComparison.Ordinal);
        Assert.Contains("modprobe sch_netem", script, StringComparison.Ordinal);
        Assert.Contains("/sbin/tc qdisc replace dev \"$dev\" root handle 766d: netem delay 100ms 10ms", script, StringComparison.Ordinal);
    }

    [Fact]
    public void Remove_OnlyOurHandle_IsDeleted()
    {
        var script = GuestShapingScript.Remove(Mac);

        Assert.Contains("grep -q ' 766d: root'", script, StringComparison.Ordinal);
        Assert.Contains("/sbin/tc qdisc del dev \"$dev\" root handle 766d:", script, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_NotAMac_RefusedNamingTheValue()
    {
        var error = Assert.Throws<ArgumentException>(() => GuestShapingScript.Apply("52:54;reboot", new ShapingSpec(100, null, null, null)));

        Assert.Contains("52:54;reboot", error.Message, StringComparison.Ordinal);
    }
}
