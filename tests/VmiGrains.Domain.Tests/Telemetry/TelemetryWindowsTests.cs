using VmiGrains.Domain.Telemetry;

namespace VmiGrains.Domain.Tests.Telemetry;

public sealed class TelemetryWindowsTests
{
    private static readonly DateTimeOffset T0 = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Summarize_OneSamplePerSlot_ExactAvgP95MaxLastAndTrend()
    {
        var windows = new TelemetryWindows();
        for (var i = 0; i < 10; i++)
        {
            windows.Add(new TelemetrySample { Timestamp = T0.AddSeconds(i), Cpu = (i + 1) / 10.0 });
        }

        var cpu = windows.Summarize(T0.AddSeconds(9)).Default[MetricKind.Cpu];

        Assert.Equal(10, cpu.Samples);
        Assert.Equal(0.55, cpu.Avg, 5);
        Assert.Equal(1.0, cpu.P95, 5);
        Assert.Equal(1.0, cpu.Max, 5);
        Assert.Equal(1.0, cpu.Last, 5);
        Assert.Equal(0.1, cpu.Trend, 5);
        Assert.InRange(cpu.Ewma, 0.1, cpu.Avg); // a 10 s EWMA lags a rising ramp
    }

    [Fact]
    public void Summarize_OldSamples_LeaveTheShortWindowButStayInTheLongOne()
    {
        var windows = new TelemetryWindows();
        windows.Add(new TelemetrySample { Timestamp = T0, Cpu = 0.9 });
        windows.Add(new TelemetrySample { Timestamp = T0.AddSeconds(30), Cpu = 0.1 });

        var summary = windows.Summarize(T0.AddSeconds(30));

        Assert.Equal(0.1, summary.Default[MetricKind.Cpu].Max, 5);
        Assert.Equal(1, summary.Default[MetricKind.Cpu].Samples);
        Assert.Equal(0.9, summary.Find("1m")![MetricKind.Cpu].Max, 5);
        Assert.Equal(0.5, summary.Find("5m")![MetricKind.Cpu].Avg, 5);
        Assert.Equal(0, summary.Default[MetricKind.Mem].Samples);
    }

    [Fact]
    public void Summarize_SameInputs_SameOutputs()
    {
        static TelemetrySummary Run()
        {
            var w = new TelemetryWindows();
            for (var i = 0; i < 500; i++)
            {
                w.Add(new TelemetrySample { Timestamp = T0.AddMilliseconds(i * 700), Cpu = (i * 37 % 100) / 100.0, NetRx = i * 10 });
            }

            return w.Summarize(T0.AddSeconds(350));
        }

        var a = Run();
        var b = Run();
        foreach (var name in new[] { "default", "1m", "5m", "30m" })
        {
            Assert.Equal(a.Find(name)![MetricKind.Cpu], b.Find(name)![MetricKind.Cpu]);
            Assert.Equal(a.Find(name)![MetricKind.NetRx], b.Find(name)![MetricKind.NetRx]);
        }
    }

    [Fact]
    public void Add_SampleOlderThanItsSlot_IsDroppedAndMemoryStaysFixed()
    {
        var windows = new TelemetryWindows();
        var before = windows.EstimatedBytes;
        for (var i = 0; i < 10_000; i++)
        {
            windows.Add(new TelemetrySample { Timestamp = T0.AddSeconds(i), Cpu = 0.5 });
        }

        windows.Add(new TelemetrySample { Timestamp = T0, Cpu = 1.0 });

        Assert.Equal(before, windows.EstimatedBytes);
        Assert.InRange(windows.EstimatedBytes, 6_000, 8_000);
        Assert.Equal(0.5, windows.Summarize(T0.AddSeconds(9_999)).Find("30m")![MetricKind.Cpu].Max, 5);
    }

    [Fact]
    public void RecentEvents_PastCapacity_KeepsTheNewestInOrder()
    {
        var events = new RecentEvents(3);
        for (var i = 0; i < 5; i++)
        {
            events.Add(new TelemetryEvent(T0.AddSeconds(i), $"e{i}", new Dictionary<string, FieldValue>()));
        }

        Assert.Equal(["e2", "e3", "e4"], events.ToList().Select(e => e.Name));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(65)]
    [InlineData(200)]
    public void RecentEvents_GrowingRing_KeepsTheNewestInOrderAtEveryCount_AndStartsWithNoSlots(int added)
    {
        var events = new RecentEvents(64);
        var empty = events.EstimatedBytes;
        for (var i = 0; i < added; i++)
        {
            events.Add(new TelemetryEvent(T0.AddSeconds(i), $"e{i}", new Dictionary<string, FieldValue>()));
        }

        var kept = Enumerable.Range(Math.Max(0, added - 64), Math.Min(added, 64)).Select(i => $"e{i}").ToList();
        Assert.Equal(kept, events.ToList().Select(e => e.Name));
        Assert.Equal(kept.TakeLast(3), events.Last(3).Select(e => e.Name));
        Assert.Equal(kept.Select((_, i) => (long)(added - kept.Count + i + 1)), events.Since(0).Select(p => p.Sequence));
        Assert.Equal(48, empty); // no slots until the first event
    }

    [Fact]
    public void Validate_BadSpecs_ReportsEveryProblem()
    {
        var errors = WindowSpec.Validate([new WindowSpec("fast", TimeSpan.FromSeconds(1), 0), new WindowSpec("fast", TimeSpan.FromSeconds(1), 500)]);

        Assert.Equal(4, errors.Count);
    }
}
