using System.Diagnostics;
using System.Diagnostics.Metrics;
using VmiGrains.Abstractions.Grains;
using VmiGrains.Abstractions.Model;
using VmiGrains.Benchmarking;
using VmiGrains.Grains.Hosts;

namespace VmiGrains.Grains.Benchmarks;

/// <summary>
/// Fleet size on one silo: <c>vmis</c> VMI grains on hosts of <c>perHost</c> VMIs, attached to a
/// profile with a rule evaluated every <c>interval</c> (windows, rule state and timers live), then:
/// managed memory per VMI, process working set, and the rule ticks' lateness (the
/// <c>vmigrains.tick.drift</c> histogram) and rate over a steady period, which shows whether the silo
/// keeps up. Last, a new profile version to every VMI three ways: 64 concurrent
/// <c>ApplyProfileAsync(profile, version)</c> calls through the client API (what <c>vmi rollout</c> did
/// before rollouts were a grain), a server-side rollout (<see cref="IRolloutGrain"/>, the default plan:
/// canary of one, 10 %, ×2; soak 0 so the figure is the switching, not the waiting), and its rollback.
/// </summary>
internal static class FleetBenchmark
{
    public sealed record Result(int Vmis, int PerHost, bool Deferred, TimeSpan Interval, double AttachSeconds, double BytesPerVmi, double HeapMiB, long WorkingSetMiB,
        double TicksPerSecond, double ExpectedTicksPerSecond, double DriftP50, double DriftP99, double SteadyCores, double RolloutSeconds, double RolloutCores,
        double ServerRolloutSeconds, double ServerRolloutCores, int ServerWaves, double RollbackSeconds);

    private const string EvenWeights = """{"cpu":0.25,"ram":0.25,"network":0.25,"storage":0.25}""";

    private const string CpuHeavyWeights = """{"cpu":0.4,"ram":0.2,"network":0.2,"storage":0.2}""";

    private const string RamHeavyWeights = """{"cpu":0.2,"ram":0.4,"network":0.2,"storage":0.2}""";

    private static string Profile(TimeSpan interval, string weights = EvenWeights) => $$"""
        {"id":"bench-fleet","name":"Fleet","resource_weights":{{weights}},"evaluation_interval":"{{(int)interval.TotalMilliseconds}}ms",
         "behavioral_rules":"function on_tick(vmi)\n  if vmi.metrics.cpu.avg > 0.95 then return throttle('cpu', 0.5, '30s') end\nend"}
        """;

    public static async Task<Result> RunAsync(int vmis, int perHost, bool deferHostNotices, TimeSpan interval, TimeSpan steady, bool applyLoop = true, TimeSpan hold = default)
    {
        await using var host = await BenchHost.StartAsync(vmis, perHost, deferHostNotices);
        var client = host.Client;
        var first = Stopwatch.StartNew();
        await client.GetGrain<IProfileGrain>("bench-fleet").DefineAsync(Profile(interval));
        Console.Error.WriteLine(FormattableString.Invariant($"  the silo answered its first call (a profile define) {first.Elapsed.TotalSeconds:0.0} s after it started its {host.Hosts.Count:N0} hosts"));
        await Parallel.ForEachAsync(host.Hosts, async (name, _) => await client.GetGrain<IHypervisorClusterGrain>(name).DiscoverAsync());
        var before = ManagedBytes();

        var attach = await ForEachVmiAsync(vmis, "attached", vmi => ClientLoad.AttachAsync(vmi, "bench-fleet"), client);
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
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        await Task.Delay(steady);
        var steadyCores = (Process.GetCurrentProcess().TotalProcessorTime - cpu) / steady;
        listener.Dispose();
        var after = ManagedBytes();
        var workingSet = Process.GetCurrentProcess().WorkingSet64 / 1024 / 1024;
        List<double> sorted;
        lock (drift)
        {
            sorted = [.. drift.Order()];
        }

        // Said at once, so that a run stopped here (a steady-state comparison between commits) has its figures.
        Console.Error.WriteLine(FormattableString.Invariant(
            $"  steady {steady.TotalSeconds:0} s: {sorted.Count / steady.TotalSeconds:0} of {vmis / interval.TotalSeconds:0} ticks/s, drift p50 {Percentile(sorted, 0.5) * 1000:0} ms p99 {Percentile(sorted, 0.99) * 1000:0} ms, CPU {steadyCores:0.00} cores, heap {after / 1024.0 / 1024.0:0} MiB"));
        if (hold > TimeSpan.Zero)
        {
            Console.Error.WriteLine(FormattableString.Invariant($"  holding {hold.TotalSeconds:0} s before the rollouts (process {Environment.ProcessId}), for an outside tool"));
            await Task.Delay(hold);
        }

        var v2 = (await client.GetGrain<IProfileGrain>("bench-fleet").DefineAsync(Profile(interval, CpuHeavyWeights))).Version;
        cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var rollout = applyLoop ? await ForEachVmiAsync(vmis, "rolled out", async vmi => await vmi.ApplyProfileAsync("bench-fleet", v2), client) : double.NaN;
        var rolloutCores = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds / rollout;

        var v3 = (await client.GetGrain<IProfileGrain>("bench-fleet").DefineAsync(Profile(interval, RamHeavyWeights))).Version;
        cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var server = client.GetGrain<IRolloutGrain>("bench-rollout");
        var clock = Stopwatch.StartNew();
        await server.StartAsync(new RolloutRequest { ProfileId = "bench-fleet", ToVersion = v3 });
        var done = await UntilAsync(server, RolloutStatus.Completed, vmis);
        var serverSeconds = clock.Elapsed.TotalSeconds;
        var serverCores = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds / serverSeconds;
        clock.Restart();
        await server.RollbackAsync();
        await UntilAsync(server, RolloutStatus.RolledBack, vmis);
        var rollbackSeconds = clock.Elapsed.TotalSeconds;

        return new Result(vmis, host.VmisPerHost, deferHostNotices, interval, attach, (after - before) / (double)vmis, after / 1024.0 / 1024.0, workingSet,
            sorted.Count / steady.TotalSeconds, vmis / interval.TotalSeconds, Percentile(sorted, 0.5), Percentile(sorted, 0.99), steadyCores, rollout, rolloutCores,
            serverSeconds, serverCores, done.Waves.Count, rollbackSeconds);
    }

    /// <summary>Polls the rollout until it reaches <paramref name="status"/>; any other final status, or fewer VMIs moved than expected, fails the run.</summary>
    private static async Task<RolloutView> UntilAsync(IRolloutGrain rollout, RolloutStatus status, int vmis)
    {
        var clock = Stopwatch.StartNew();
        var told = 0;
        while (clock.Elapsed < TimeSpan.FromMinutes(15))
        {
            var view = await rollout.GetAsync();
            if (view.Status == status)
            {
                if (status == RolloutStatus.Completed && view.Switched != vmis)
                {
                    throw new InvalidOperationException($"rollout completed with {view.Switched} of {vmis} VMIs switched: {view.StatusReason}");
                }

                return view;
            }

            if (view.Finished || view.Status == RolloutStatus.Paused)
            {
                throw new InvalidOperationException($"rollout is {view.Status}, not {status}: {view.StatusReason}");
            }

            if (clock.Elapsed.TotalSeconds >= told + 10)
            {
                told += 10;
                Console.Error.WriteLine(FormattableString.Invariant($"  rollout {view.Status}: {view.Switched:N0} of {vmis:N0} in {clock.Elapsed.TotalSeconds:0} s"));
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"rollout not {status} after 15 min: {(await rollout.GetAsync()).StatusReason}");
    }

    /// <summary>Calls <paramref name="call"/> for every VMI, 64 at a time (as <c>vmi rollout</c> does); returns the seconds it took.</summary>
    private static async Task<double> ForEachVmiAsync(int vmis, string what, Func<IVmiGrain, Task> call, IClusterClient client)
    {
        var clock = Stopwatch.StartNew();
        var next = -1;
        var workers = Enumerable.Range(0, 64).Select(async _ =>
        {
            for (var i = Interlocked.Increment(ref next); i < vmis; i = Interlocked.Increment(ref next))
            {
                await call(client.GetGrain<IVmiGrain>(BenchVmis.Id(i)));
                if (i % 10_000 == 9_999)
                {
                    Console.Error.WriteLine(FormattableString.Invariant($"  {what} {i + 1:N0} in {clock.Elapsed.TotalSeconds:0.0} s"));
                }
            }
        });
        await Task.WhenAll(workers);
        return clock.Elapsed.TotalSeconds;
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
