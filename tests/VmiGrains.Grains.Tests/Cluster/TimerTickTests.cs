using VmiGrains.Abstractions.Grains;
using VmiGrains.Grains.Hosts;

namespace VmiGrains.Grains.Tests.Cluster;

/// <summary>
/// Without host samples (stats polling off) the silo's tick scheduler runs a VMI's rule ticks at its
/// profile's interval — one per interval, not a burst — and stops calling it once the profile is
/// detached. A generated host of its own, so no other test's VMIs tick on it.
/// </summary>
public sealed class TimerTickTests : IAsyncLifetime
{
    private const string HostName = "timer-tick-host";
    private GeneratedHosts _hosts = null!;

    [Fact]
    public async Task NoSamples_TicksOncePerInterval_AndStopAfterDetach()
    {
        var vmi = _hosts.Client.GetGrain<IVmiGrain>(GeneratedHosts.VmiId(0, 0));
        await vmi.ApplyProfileAsync("timer-tick");
        await Eventually.GetAsync(async () => (await Ticks(vmi, null)).Count, n => n >= 1, TimeSpan.FromSeconds(30), "a first timer tick");

        var from = DateTimeOffset.UtcNow;
        await Task.Delay(TimeSpan.FromSeconds(6));
        var ticks = await Ticks(vmi, from);
        Assert.InRange(ticks.Count, 4, 7); // 1 s interval: 6 in 6 s; 12 would be two schedules, 0–3 a stalled one
        Assert.All(ticks.Zip(ticks.Skip(1)), p => Assert.True((p.Second - p.First).TotalSeconds >= 0.75,
            $"ticks at {p.First:HH:mm:ss.fff} and {p.Second:HH:mm:ss.fff}: closer than the interval − tolerance (0.75 s), a burst"));

        await vmi.DetachAsync();
        var detached = DateTimeOffset.UtcNow;
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Empty(await Ticks(vmi, detached));
    }

    private static async Task<List<DateTimeOffset>> Ticks(IVmiGrain vmi, DateTimeOffset? from) =>
        [.. (await vmi.GetDecisionsAsync(from)).Where(d => d.Kind == "emit").Select(d => d.Time).Order()];

    public async Task InitializeAsync()
    {
        _hosts = await GeneratedHosts.StartAsync([HostName], 1);
        await _hosts.Client.GetGrain<IProfileGrain>("timer-tick").DefineAsync("""
            {"id":"timer-tick","name":"Timer tick","resource_weights":{"cpu":0.25,"ram":0.25,"network":0.25,"storage":0.25},"evaluation_interval":"1s",
             "behavioral_rules":[{"name":"count","source":"function on_tick(vmi) return emit('tick', {}) end"}]}
            """);
        await _hosts.Client.GetGrain<IHypervisorClusterGrain>(HostName).DiscoverAsync();
    }

    public async Task DisposeAsync() => await _hosts.DisposeAsync();
}
