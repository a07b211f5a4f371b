using System.Diagnostics;
using System.Diagnostics.Metrics;
using VmiGrains.Abstractions.Grains;
using VmiGrains.Benchmarking;

namespace VmiGrains.Grains.Benchmarks;

/// <summary>
/// Fleet size on one silo: <c>vmis</c> VMI grains attached to a profile with a rule evaluated every
/// <c>interval</c> (windows, rule state and timers live), then: managed memory per VMI, process
/// working set, and the rule ticks' lateness (the <c>vmigrains.tick.drift</c> histogram) and rate
/// over a steady period, which shows whether the silo keeps up.
/// </summary>
internal static class FleetBenchmark
{
    public sealed record Result(int Vmis, TimeSpan Interval, double AttachSeconds, double BytesPerVmi, long WorkingSetMiB,
        double TicksPerSecond, double ExpectedTicksPerSecond, double DriftP50, double DriftP99);

    private static string Profile(TimeSpan interval) => $$"""
        {"id":"bench-fleet","name":"Fleet","resource_weights":{"cpu":0.25,"ram":0.25,"network":0.25,"storage":0.25},"evaluation_interval":"{{(int)interval.TotalMilliseconds}}ms",
         "behavioral_rules":"function on_tick(vmi)\n  if vmi.metrics.cpu.avg > 0.95 then return throttle('cpu', 0.5, '30s') end\nend"}
        """;

    public static async Task<Result> RunAsync(int vmis, TimeSpan interval, TimeSpan steady)
    {
        await using var host = await BenchHost.StartAsync(vmis);
        var client = host.Client;
        await client.GetGrain<IProfileGrain>("bench-fleet").DefineAsync(Profile(interval));
        await client.GetGrain<IHypervisorGrain>(BenchHost.HostName).DiscoverAsync();
        var before = ManagedBytes();

        var clock = Stopwatch.StartNew();
        var next = -1;
        var workers = Enumerable.Range(0, 64).Select(async _ =>
        {
            for (var i = Interlocked.Increment(ref next); i < vmis; i = Interlocked.Increment(ref next))
            {
                await ClientLoad.AttachAsync(client.GetGrain<IVmiGrain>(BenchVmis.Id(i)), "bench-fleet");
                if (i % 1000 == 999)
                {
                    Console.Error.WriteLine(FormattableString.Invariant($"  attached {i + 1:N0} in {clock.Elapsed.TotalSeconds:0.0} s"));
                }
            }
        });
        await Task.WhenAll(workers);
        var attach = clock.Elapsed.TotalSeconds;
        await Task.Delay(interval * 2); // let every timer reach its period

        var drift = new List<double>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "vmigrains.tick.drift")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((_, value, _, _) => { lock (drift) { drift.Add(value); } });
        listener.Start();
        await Task.Delay(steady);
        listener.Dispose();
        var after = ManagedBytes();
        List<double> sorted;
        lock (drift)
        {
            sorted = [.. drift.Order()];
        }

        return new Result(vmis, interval, attach, (after - before) / (double)vmis, Process.GetCurrentProcess().WorkingSet64 / 1024 / 1024,
            sorted.Count / steady.TotalSeconds, vmis / interval.TotalSeconds, Percentile(sorted, 0.5), Percentile(sorted, 0.99));
    }

    private static long ManagedBytes()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
