using VmiGrains.Abstractions.Grains;
using VmiGrains.Abstractions.Model;
using VmiGrains.Abstractions.Validation;

namespace VmiGrains.Grains.Tests.Cluster;

/// <summary>The VMI grain bounds feedback itself, whoever calls it (an Orleans client here, no REST in front).</summary>
[Collection(ClusterDefinition.Name)]
public sealed class FeedbackBoundsTests(ClusterFixture fixture)
{
    [Fact]
    public async Task IngestAsync_MoreEventsThanTheLimit_IsRefusedWholeAndNothingIngested()
    {
        var vmi = fixture.Client.GetGrain<IVmiGrain>(await fixture.VmiAsync("db-02"));
        var before = (await vmi.GetAsync()).Metrics.Sum(m => m.Samples);
        var events = Enumerable.Range(0, 501).Select(i => new FeedbackEvent("probe", new Dictionary<string, string>(), null)).ToList();

        var refused = await Assert.ThrowsAsync<InvalidRequestException>(() => vmi.IngestAsync(new FeedbackBatch([new FeedbackSample { Cpu = 0.5 }], events)));

        var error = Assert.Single(refused.Errors);
        Assert.Equal("events", error.Path);
        Assert.Equal("has 501 events; the limit per request is 500", error.Message);
        Assert.Contains("VmiGrains:Vmi:MaxEventsPerBatch", error.Fix, StringComparison.Ordinal);
        Assert.Equal(before, (await vmi.GetAsync()).Metrics.Sum(m => m.Samples));
    }

    [Fact]
    public async Task IngestAsync_SampleStampedMinutesAhead_TakenAsNowSoLaterSamplesStillCount()
    {
        var vmi = fixture.Client.GetGrain<IVmiGrain>(await fixture.VmiAsync("db-02"));

        // A sender whose clock is 4 minutes fast (within the accepted skew), then honest samples.
        await vmi.IngestAsync(new FeedbackBatch([new FeedbackSample { Cpu = 0.93, Timestamp = DateTimeOffset.UtcNow.AddMinutes(4) }], []));
        await vmi.IngestAsync(new FeedbackBatch([new FeedbackSample { Cpu = 0.11 }], []));
        await Task.Delay(50);
        await vmi.IngestAsync(new FeedbackBatch([new FeedbackSample { Cpu = 0.12 }], []));

        // Stamped in the future, 0.93 stayed "last" (and froze the ewma) until that time.
        var cpu = (await vmi.GetAsync()).Metrics.Single(m => m.Metric == "cpu");
        Assert.Equal(0.12, cpu.Last, 3);
    }

    [Fact]
    public async Task IngestAsync_FarFutureTimestamp_IsRefusedNamingThePath()
    {
        var vmi = fixture.Client.GetGrain<IVmiGrain>(await fixture.VmiAsync("db-02"));
        var before = (await vmi.GetAsync()).Metrics.Sum(m => m.Samples);

        var refused = await Assert.ThrowsAsync<InvalidRequestException>(() => vmi.IngestAsync(new FeedbackBatch(
            [new FeedbackSample { Cpu = 0.5 }, new FeedbackSample { Cpu = 0.5, Timestamp = DateTimeOffset.MaxValue }], [])));

        var error = Assert.Single(refused.Errors);
        Assert.Equal("samples[1].timestamp", error.Path);
        Assert.StartsWith("is more than 5 minutes in the future", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, (await vmi.GetAsync()).Metrics.Sum(m => m.Samples));
    }
}
