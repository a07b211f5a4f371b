using VmiGrains.Grains.Ticks;

namespace VmiGrains.Grains.Tests.Hosting;

public sealed class TickSchedulerOptionsTests
{
    [Fact]
    public void Validate_Defaults_Succeed() =>
        Assert.True(new TickSchedulerOptionsValidator().Validate(null, new TickSchedulerOptions()).Succeeded);

    [Fact]
    public void Validate_EveryBadValue_ReportedWithKeyValueAndDefault()
    {
        var result = new TickSchedulerOptionsValidator().Validate(null, new TickSchedulerOptions { SlotSize = TimeSpan.FromSeconds(2), MaxCallsInFlight = 0 });

        Assert.Equal(
            [
                "VmiGrains:Ticks:SlotSize: must be from 00:00:00.01 to 00:00:01 (got 00:00:02); a tick runs at most one slot late; the default is 00:00:00.1",
                "VmiGrains:Ticks:MaxCallsInFlight: must be between 1 and 100000 (got 0); the default is 512",
            ],
            result.Failures!);
    }
}
