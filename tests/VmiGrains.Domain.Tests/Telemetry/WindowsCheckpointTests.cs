using VmiGrains.Domain.Telemetry;

namespace VmiGrains.Domain.Tests.Telemetry;

public sealed class WindowsCheckpointTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    private static TelemetryWindows Filled()
    {
        var windows = new TelemetryWindows();
        for (var i = 0; i < 120; i++)
        {
            windows.Add(new TelemetrySample { Timestamp = T0.AddSeconds(i), Cpu = 0.2 + (i % 7 * 0.1), Mem = 0.5, NetRx = i * 100 });
        }

        return windows;
    }

    [Fact]
    public void ExportImport_RoundTrip_SummariesAreEqual()
    {
        var original = Filled();
        var restored = new TelemetryWindows();

        var checkpoint = original.Export();

        Assert.True(restored.Import(checkpoint));
        var now = T0.AddSeconds(120);
        foreach (var name in new[] { "default", "1m", "5m", "30m" })
        {
            var a = original.Summarize(now).Find(name);
            var b = restored.Summarize(now).Find(name);
            Assert.NotNull(a);
            foreach (var metric in Enum.GetValues<MetricKind>())
            {
                Assert.Equal(a[metric], b![metric]);
            }
        }

        Assert.InRange(checkpoint.Length, 1000, 20 * 1024);
    }

    [Fact]
    public void Import_Damaged_ReturnsFalseAndLeavesWindowsAsTheyWere()
    {
        var windows = Filled();
        var before = windows.Summarize(T0.AddSeconds(120)).Default[MetricKind.Cpu];

        Assert.False(windows.Import([1, 2, 3]));
        Assert.False(windows.Import(Filled().Export()[..100]));

        Assert.Equal(before, windows.Summarize(T0.AddSeconds(120)).Default[MetricKind.Cpu]);
    }

    [Fact]
    public void Import_OtherWindowSpecs_IsRefused()
    {
        var other = new TelemetryWindows([new WindowSpec("default", TimeSpan.FromSeconds(20), 20)]);

        Assert.False(other.Import(Filled().Export()));
    }
}
