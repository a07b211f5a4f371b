using System.Diagnostics;
using System.Globalization;
using VmiGrains.Abstractions.Grains;

namespace VmiGrains.Cluster.Benchmarks;

/// <summary>
/// The measurements on one running cluster, over every VMI of every host: (a) feedback ingestion,
/// batches of <see cref="Batch"/> samples from <see cref="Callers"/> concurrent callers for a fixed
/// time, after one untimed run of the same length (new silo processes are still compiling their hot
/// paths); (b) profile attach of the whole fleet by <see cref="Callers"/> callers, VMIs per second,
/// always from detached VMIs (detaching is not timed) so every attach does the same work, repeated
/// within a run until attaching took <see cref="MinAttach"/> (one fleet attaches in a fraction of a second).
/// Ingestion runs first, while no profile is attached and no rule timer runs.
/// </summary>
internal static class ScalingBenchmark
{
    public const int Batch = 200;
    public const int Callers = 64;
    private const string ProfileId = "bench-cluster";
    private static readonly TimeSpan MinAttach = TimeSpan.FromSeconds(2);

    // No rules: attach measures the apply path (state, host re-plan, libvirt), not Lua compilation.
    private const string Profile = """{"id":"bench-cluster","name":"Cluster bench","resource_weights":{"cpu":0.4,"ram":0.3,"network":0.2,"storage":0.1},"evaluation_interval":"5s"}""";

    public static async Task<ScalingResult> RunAsync(BenchCluster cluster, RedisServer redis, BenchOptions options)
    {
        var client = cluster.Client;
        var k = cluster.SiloProcessIds.Count;
        CpuUsage Cpu() => CpuUsage.Take(cluster.SiloProcessIds, redis.ProcessId);

        // Warm-up: the client's connections to every gateway, and tiered compilation on both sides.
        await ClientLoad.IngestAsync(client, cluster.Vmis, TimeSpan.FromSeconds(options.Seconds), Batch, Callers);
        var ingest = new List<double>();
        var ingestCpu = CpuUsage.Zero(k);
        for (var run = 1; run <= options.Runs; run++)
        {
            var before = Cpu();
            ingest.Add(await ClientLoad.IngestAsync(client, cluster.Vmis, TimeSpan.FromSeconds(options.Seconds), Batch, Callers));
            ingestCpu += Cpu() - before;
            Progress($"{k} silo(s), ingestion run {run}: {ingest[^1]:N0} samples/s");
        }

        await client.GetGrain<IProfileGrain>(ProfileId).DefineAsync(Profile);
        var attach = new List<double>();
        var attachCpu = CpuUsage.Zero(k);
        for (var run = 1; run <= options.Runs; run++)
        {
            var attached = 0;
            var timed = TimeSpan.Zero;
            while (timed < MinAttach)
            {
                var before = Cpu();
                var clock = Stopwatch.StartNew();
                await ForEachVmiAsync(cluster.Vmis, i => ClientLoad.AttachAsync(client.GetGrain<IVmiGrain>(BenchVmis.Id(i)), ProfileId));
                timed += clock.Elapsed;
                attachCpu += Cpu() - before;
                attached += cluster.Vmis;
                await ForEachVmiAsync(cluster.Vmis, i => client.GetGrain<IVmiGrain>(BenchVmis.Id(i)).DetachAsync());
            }

            attach.Add(attached / timed.TotalSeconds);
            Progress($"{k} silo(s), attach run {run}: {attached} attaches in {timed.TotalSeconds:0.0} s ({attach[^1]:N0}/s)");
        }

        return new ScalingResult(k, cluster.Vmis, ingest, ingestCpu, attach, attachCpu);
    }

    public static void Progress(FormattableString message) =>
        Console.Error.WriteLine($"[cluster-bench] {message.ToString(CultureInfo.InvariantCulture)}");

    private static async Task ForEachVmiAsync(int vmis, Func<int, Task> action)
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, Callers).Select(async _ =>
        {
            for (var i = Interlocked.Increment(ref next); i < vmis; i = Interlocked.Increment(ref next))
            {
                await action(i);
            }
        }));
    }
}
