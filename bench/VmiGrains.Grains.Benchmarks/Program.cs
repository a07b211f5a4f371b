using Microsoft.Extensions.DependencyInjection;
using System.Globalization;
using VmiGrains.Benchmarking;
using VmiGrains.Grains.Benchmarks;

// The feedback-loop macro benchmark: a real silo in this process, the libvirt test driver with
// 200 VMIs, three runs of each measurement; medians reported. Run by scripts/bench.sh.
// Options: --runs N (3), --seconds S per ingestion run (8). Writes markdown to $VMIGRAINS_BENCH_REPORT.
if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine("""
        VmiGrains.Grains.Benchmarks: macro benchmarks against a real silo in this process (run by scripts/bench.sh).

          (no --fleet)   feedback loop: 200 VMIs on the libvirt test driver; ingestion through the client
                         API and reaction time. --runs N (3), --seconds S per ingestion run (8).
          --fleet N      fleet size on one silo: N VMIs on hosts of --per-host M (100), a rule every
                         --interval S (5), --steady S of measured ticks (30), then a rollout of a new
                         profile version three ways (a client apply loop, a server-side rollout, its
                         rollback); --defer-host-notices sets VmiGrains:Vmi:DeferHostNotices;
                         --no-apply-loop skips the apply loop (NaN in its columns);
                         --hold S waits S seconds after the steady figures, before the rollouts, for an
                         outside tool (dotnet-gcdump collect -p PID, dotnet-counters) to read the steady silo.
                         --runs N (1) repeats it in fresh processes and prints one row of medians.

        Reports are markdown on stdout; the feedback loop also writes $VMIGRAINS_BENCH_REPORT when set.
        """);
    return;
}

if (Array.IndexOf(args, "--fleet") is var f and >= 0)
{
    var size = int.Parse(args[f + 1], CultureInfo.InvariantCulture);
    var fleetRuns = Arg("--runs", 1);
    if (fleetRuns > 1)
    {
        var single = args.Where((_, i) => args[i] != "--runs" && (i == 0 || args[i - 1] != "--runs")).ToList();
        Console.WriteLine(FleetRuns.Row(await FleetRuns.RunAsync(fleetRuns, single)));
        return;
    }

    var r = await FleetBenchmark.RunAsync(size, Arg("--per-host", 100), Array.IndexOf(args, "--defer-host-notices") >= 0,
        TimeSpan.FromSeconds(Arg("--interval", 5)), TimeSpan.FromSeconds(Arg("--steady", 30)), applyLoop: !args.Contains("--no-apply-loop"), hold: TimeSpan.FromSeconds(Arg("--hold", 0)));
    Console.WriteLine(args.Contains("--json") ? System.Text.Json.JsonSerializer.Serialize(r, FleetRuns.Json) : FleetRuns.Row([r]));
    return;
}

var runs = Arg("--runs", 3);
var seconds = Arg("--seconds", 8);
const int Vmis = 200;
const int ReactionTrials = 20;

await using var host = await BenchHost.StartAsync(Vmis);
await FeedbackLoopBenchmark.PrepareAsync(host.Client, Vmis);
// Warm-up on the ingestion VMIs only: the reaction VMIs must start with empty windows.
await ClientLoad.IngestAsync(host.Client, Vmis - (ReactionTrials * runs), TimeSpan.FromSeconds(2), 50, 32);

var ingest = new List<double>();
var ingestNetwork = new List<double>();
using var networkClient = await host.ConnectClientAsync();
var remote = networkClient.Services.GetRequiredService<IClusterClient>();
var reactions = new List<double>();
for (var run = 0; run < runs; run++)
{
    ingest.Add(await ClientLoad.IngestAsync(host.Client, Vmis - (ReactionTrials * runs), TimeSpan.FromSeconds(seconds), 50, 32));
    ingestNetwork.Add(await ClientLoad.IngestAsync(remote, Vmis - (ReactionTrials * runs), TimeSpan.FromSeconds(seconds), 200, 32));
    Console.Error.WriteLine(FormattableString.Invariant($"run {run + 1}: {ingest[^1]:N0} samples/s in-process, {ingestNetwork[^1]:N0} through the gateway"));
    await Task.Delay(1500); // let the windows' ticks settle before timing reactions
    reactions.AddRange(await FeedbackLoopBenchmark.ReactionAsync(host.Client, Vmis - (ReactionTrials * (run + 1)), ReactionTrials));
}

reactions.Sort();
ingest.Sort();
ingestNetwork.Sort();
double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
var report = string.Create(CultureInfo.InvariantCulture, $"""
    ### Feedback loop (one silo, {Vmis} VMIs on the libvirt test driver)

    | measurement | result (median of {runs} runs) | goal |
    |---|---:|---|
    | samples ingested per second through the client API (separate Orleans client over the TCP gateway, batches of 200, 32 callers) | {ingestNetwork[ingestNetwork.Count / 2]:N0} (runs: {string.Join(", ", ingestNetwork.Select(x => x.ToString("N0", CultureInfo.InvariantCulture)))}) | ≥ 50,000 |
    | samples ingested per second in-process (batches of 50, 32 callers) | {ingest[ingest.Count / 2]:N0} (runs: {string.Join(", ", ingest.Select(x => x.ToString("N0", CultureInfo.InvariantCulture)))}) | — |
    | reaction: CPU burst → rule → allocation applied through libvirt, p50 | {Percentile(reactions, 0.5):0.000} s | — |
    | reaction p99 ({reactions.Count} trials, 1 s evaluation interval) | {Percentile(reactions, 0.99):0.000} s | ≤ 2 s |

    The reaction time is dominated by where in its 1 s evaluation interval the burst lands
    (uniform 0–1 s); the grain calls and libvirt apply add milliseconds.

    """);
Console.WriteLine(report);
if (Environment.GetEnvironmentVariable("VMIGRAINS_BENCH_REPORT") is { Length: > 0 } path)
{
    await File.WriteAllTextAsync(path, report);
}

int Arg(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var v) ? v : fallback;
}
