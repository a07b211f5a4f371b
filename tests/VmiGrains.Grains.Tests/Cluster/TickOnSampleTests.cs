using System.Diagnostics.Metrics;
using VmiGrains.Abstractions.Grains;
using VmiGrains.Grains.Diagnostics;
using VmiGrains.Grains.Hosts;

namespace VmiGrains.Grains.Tests.Cluster;

/// <summary>
/// The rule tick is phase-locked to the host's stats poll: with samples every second and a 1 s
/// evaluation interval, the arriving samples run the VMI's ticks (counted by
/// <c>vmigrains.tick.on_sample</c>), and the ticks stay one per interval — the timer does not add its own.
/// A generated test-driver host of its own, so no other test's VMIs tick on it.
/// </summary>
public sealed class TickOnSampleTests : IAsyncLifetime, IDisposable
{
    private const string HostName = "tick-host";
    private GeneratedHosts _hosts = null!;
    private long _onSample;
    private MeterListener? _listener;

    [Fact]
    public async Task SamplesEverySecond_RunTheTicks_OnePerInterval()
    {
        var id = GeneratedHosts.VmiId(0, 0);
        var vmi = _hosts.Client.GetGrain<IVmiGrain>(id);
        await vmi.ApplyProfileAsync("tick-count");

        // Locking takes at most a few intervals (a timer tick shifts onto the samples' phase by the tolerance each time).
        await Eventually.GetAsync(() => Task.FromResult(Interlocked.Read(ref _onSample)), n => n >= 3, TimeSpan.FromSeconds(30), "three ticks run by host samples");

        // The next ten seconds: one tick per interval, nearly all run by samples; never the timer's and a sample's both.
        var onSampleBefore = Interlocked.Read(ref _onSample);
        var from = DateTimeOffset.UtcNow;
        await Task.Delay(TimeSpan.FromSeconds(10));
        var onSample = Interlocked.Read(ref _onSample) - onSampleBefore;
        var ticks = (await vmi.GetDecisionsAsync(from)).Where(d => d.Kind == "emit").Select(d => d.Time).Order().ToList();
        Assert.InRange(ticks.Count, 5, 14);
        Assert.All(ticks.Zip(ticks.Skip(1)), p => Assert.True((p.Second - p.First).TotalSeconds >= 0.7,
            $"ticks at {p.First:HH:mm:ss.fff} and {p.Second:HH:mm:ss.fff}: closer than the interval − tolerance (0.75 s)"));
        Assert.True(onSample >= ticks.Count / 2, $"only {onSample} of {ticks.Count} ticks were run by a host sample");
    }

    public async Task InitializeAsync()
    {
        _listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == VmiGrainsMetrics.MeterName && instrument.Name == "vmigrains.tick.on_sample")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _onSample, value));
        _listener.Start();
        _hosts = await GeneratedHosts.StartAsync([HostName], 1, new Dictionary<string, string?> { ["VmiGrains:Host:StatsInterval"] = "00:00:01" });
        await _hosts.Client.GetGrain<IProfileGrain>("tick-count").DefineAsync("""
            {"id":"tick-count","name":"Tick count","resource_weights":{"cpu":0.25,"ram":0.25,"network":0.25,"storage":0.25},"evaluation_interval":"1s",
             "behavioral_rules":[{"name":"count","source":"function on_tick(vmi) return emit('tick', {}) end"}]}
            """);
        await _hosts.Client.GetGrain<IHypervisorClusterGrain>(HostName).DiscoverAsync();
    }

    public async Task DisposeAsync() => await _hosts.DisposeAsync();

    public void Dispose() => _listener?.Dispose();
}
