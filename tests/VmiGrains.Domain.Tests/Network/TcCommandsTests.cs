using VmiGrains.Domain.Network;

namespace VmiGrains.Domain.Tests.Network;

public sealed class TcCommandsTests
{
    [Fact]
    public void Replace_DelayJitterRate_IsOneNetemQdiscWithOurHandle()
    {
        var args = TcCommands.Replace("vnet0", new ShapingSpec(100, 10, 5, 1000));

        Assert.Equal(["qdisc", "replace", "dev", "vnet0", "root", "handle", "766d:", "netem", "delay", "100ms", "10ms", "rate", "1000kbit"], args);
    }

    [Fact]
    public void Replace_RateOnly_IsTbfWhichEveryKernelHas()
    {
        var args = TcCommands.Replace("vnet0", new ShapingSpec(null, null, null, 800));

        Assert.Equal(["qdisc", "replace", "dev", "vnet0", "root", "handle", "766d:", "tbf", "rate", "800kbit", "burst", "3200", "latency", "100ms"], args);
    }

    [Fact]
    public void Replace_LossOnly_NeedsNoQdisc()
    {
        Assert.Null(TcCommands.Replace("vnet0", new ShapingSpec(null, null, 30, null)));
    }

    [Fact]
    public void Delete_Tap_RemovesOnlyOurHandle()
    {
        Assert.Equal(["qdisc", "del", "dev", "vnet0", "root", "handle", "766d:"], TcCommands.Delete("vnet0"));
    }

    [Fact]
    public void Validate_EveryFieldOutOfRange_ReportsEachWithValueAndFix()
    {
        var errors = new ShapingSpec(-1, 5, 101, 2).Validate();

        Assert.Equal(["shape_network.delay", "shape_network.jitter", "shape_network.loss", "shape_network.rate"], errors.Select(e => e.Path));
        Assert.Equal("-1", errors[0].Value);
        Assert.All(errors, e => Assert.False(string.IsNullOrEmpty(e.Fix)));
    }

    [Fact]
    public void Validate_NothingSet_SaysSo()
    {
        var error = Assert.Single(new ShapingSpec(null, null, null, null).Validate());

        Assert.Equal("shape_network", error.Path);
    }
}
