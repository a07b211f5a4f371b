using VmiGrains.Domain.Network;

namespace VmiGrains.Domain.Tests.Network;

public sealed class TapShapingTests
{
    [Fact]
    public void Compose_ShapingRateAndBandwidth_TheLowerCeilingWins()
    {
        Assert.Equal(800, TapShaping.Compose(new ShapingSpec(null, null, null, 800), 4096, ShapingSide.Host)!.RateKbit);
        Assert.Equal(4096, TapShaping.Compose(new ShapingSpec(null, null, null, 9000), 4096, ShapingSide.Host)!.RateKbit);
    }

    [Fact]
    public void Compose_DelayOnTheHost_KeepsDelayJitterLossAndAddsTheBandwidth()
    {
        var spec = TapShaping.Compose(new ShapingSpec(100, 10, 2, null), 4096, ShapingSide.Host);

        Assert.Equal(new ShapingSpec(100, 10, 2, 4096), spec);
    }

    [Fact]
    public void Compose_DelayInTheGuest_TapKeepsOnlyLossAndRate()
    {
        var spec = TapShaping.Compose(new ShapingSpec(100, 10, 2, 2048), 4096, ShapingSide.Guest);

        Assert.Equal(new ShapingSpec(null, null, 2, 2048), spec);
    }

    [Fact]
    public void Compose_OnlyDelayInTheGuestAndNoBandwidth_NothingOnTheTap()
    {
        Assert.Null(TapShaping.Compose(new ShapingSpec(100, null, null, null), null, ShapingSide.Guest));
        Assert.Null(TapShaping.Compose(null, null, ShapingSide.Host));
    }

    [Fact]
    public void Compose_BandwidthOnly_IsARateWhichTbfEnforces()
    {
        var spec = TapShaping.Compose(null, 1049, ShapingSide.Host);

        Assert.Equal(new ShapingSpec(null, null, null, 1049), spec);
        Assert.Contains("tbf", TcCommands.Replace("vnet0", spec!)!);
    }

    [Fact]
    public void ForGuest_DelayAndRate_GuestGetsDelayAndJitterOnly()
    {
        Assert.Equal(new ShapingSpec(120, 40, null, null), TapShaping.ForGuest(new ShapingSpec(120, 40, 2.5, 2048)));
        Assert.Null(TapShaping.ForGuest(new ShapingSpec(null, null, 2.5, 2048)));
    }

    [Theory]
    [InlineData(0u, null)]
    [InlineData(1u, 8L)]
    [InlineData(128u, 1049L)]
    [InlineData(500u, 4096L)]
    public void KbitFromKiBps_LibvirtAverage_TcKbitWithZeroAsNoLimit(uint kibps, long? kbit)
    {
        Assert.Equal(kbit, TapShaping.KbitFromKiBps(kibps));
    }
}
