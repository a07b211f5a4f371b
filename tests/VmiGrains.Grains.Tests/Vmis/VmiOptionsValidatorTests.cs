using VmiGrains.Grains.Vmis;

namespace VmiGrains.Grains.Tests.Vmis;

public sealed class VmiOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeed()
    {
        Assert.True(new VmiOptionsValidator().Validate(null, new VmiOptions()).Succeeded);
    }

    [Fact]
    public void Validate_EveryLimitOutOfRange_ListsEachWithKeyValueAndDefault()
    {
        var result = new VmiOptionsValidator().Validate(null, new VmiOptions
        {
            WindowCheckpointInterval = TimeSpan.FromMilliseconds(10),
            MaxSamplesPerBatch = 0,
            MaxEventsPerBatch = 10_001,
            MaxEventEvaluationsPerTurn = -1,
            MaxQueuedEvents = -5,
        });

        Assert.True(result.Failed);
        Assert.Equal(
        [
            "VmiGrains:Vmi:WindowCheckpointInterval: must be zero (off) or at least 1 s (got 00:00:00.0100000); e.g. 00:01:00",
            "VmiGrains:Vmi:MaxSamplesPerBatch: must be between 1 and 100000 (got 0); the default is 10000",
            "VmiGrains:Vmi:MaxEventsPerBatch: must be between 1 and 10000 (got 10001); the default is 500",
            "VmiGrains:Vmi:MaxEventEvaluationsPerTurn: must be between 1 and 10000 (got -1); the default is 50",
            "VmiGrains:Vmi:MaxQueuedEvents: must be between 0 and 100000 (got -5); the default is 1000",
        ], result.Failures);
    }
}
