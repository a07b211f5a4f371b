using System.Diagnostics;
using VmiGrains.Abstractions.Grains;
using VmiGrains.Abstractions.Model;
using VmiGrains.Benchmarking;
using VmiGrains.Grains.Hosts;

namespace VmiGrains.Grains.Benchmarks;

/// <summary>
/// The feedback loop under load: how long a load change takes to become an allocation applied
/// through libvirt (ingestion throughput is <see cref="ClientLoad.IngestAsync"/>).
/// </summary>
internal static class FeedbackLoopBenchmark
{
    public const string Calm = """
        {"id":"bench-calm","name":"Calm","resource_weights":{"cpu":0.25,"ram":0.25,"network":0.25,"storage":0.25},"evaluation_interval":"1s",
         "behavioral_rules":"function on_tick(vmi)\n  if vmi.metrics.cpu.avg > 0.85 then return switch_profile('bench-hot') end\nend"}
        """;

    public const string Hot = """{"id":"bench-hot","name":"Hot","resource_weights":{"cpu":0.7,"ram":0.1,"network":0.1,"storage":0.1},"evaluation_interval":"1s"}""";

    public static async Task PrepareAsync(IClusterClient client, int vmis)
    {
        await client.GetGrain<IProfileGrain>("bench-calm").DefineAsync(Calm);
        await client.GetGrain<IProfileGrain>("bench-hot").DefineAsync(Hot);
        await client.GetGrain<IHypervisorClusterGrain>(BenchHost.HostName).DiscoverAsync();
        for (var i = 0; i < vmis; i++)
        {
            await ClientLoad.AttachAsync(client.GetGrain<IVmiGrain>(BenchVmis.Id(i)), "bench-calm");
        }
    }

    /// <summary>Reaction times in seconds: a CPU burst is sent, the rule switches the profile, the host applies the allocation.</summary>
    public static async Task<List<double>> ReactionAsync(IClusterClient client, int firstVmi, int trials)
    {
        var times = new List<double>();
        var random = new Random(firstVmi);
        for (var t = 0; t < trials; t++)
        {
            // Trials follow each other right after a reaction, i.e. right after some VMI's tick; a
            // random pause keeps the burst's phase within the evaluation interval uniform.
            await Task.Delay(random.Next(0, 1000));
            var vmi = client.GetGrain<IVmiGrain>(BenchVmis.Id(firstVmi + t));
            var start = DateTimeOffset.UtcNow;
            await vmi.IngestAsync(new FeedbackBatch([.. Enumerable.Range(0, 5).Select(_ => new FeedbackSample { Cpu = 0.95 })], []));
            var deadline = Stopwatch.StartNew();
            while (deadline.Elapsed < TimeSpan.FromSeconds(30))
            {
                var applied = (await vmi.GetDecisionsAsync(start)).FirstOrDefault(d => d.Kind == "allocation" && d.What == "allocation applied" && d.Reason.StartsWith("rule", StringComparison.Ordinal));
                if (applied is not null)
                {
                    times.Add((applied.Time - start).TotalSeconds);
                    if (Environment.GetEnvironmentVariable("BENCH_DEBUG") is not null)
                    {
                        foreach (var d in await vmi.GetDecisionsAsync(start.AddSeconds(-2)))
                        {
                            Console.Error.WriteLine($"{(d.Time - start).TotalMilliseconds,8:0} {d.Kind} {d.What} | {d.Reason}");
                        }
                    }
                    break;
                }

                await Task.Delay(10);
            }
        }

        return times;
    }
}
