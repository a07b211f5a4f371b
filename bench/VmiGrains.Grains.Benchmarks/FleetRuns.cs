using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using VmiGrains.Benchmarking;

namespace VmiGrains.Grains.Benchmarks;

/// <summary>
/// Repeats a fleet run in fresh processes (each run's memory figures must not inherit the previous
/// run's heap) and reduces them to one markdown row of medians, with every run's rollout time beside it.
/// </summary>
internal static class FleetRuns
{
    /// <summary>How a run hands its result to the parent: NaN (no tick measured) must survive the trip.</summary>
    public static readonly JsonSerializerOptions Json = new() { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    /// <summary>Runs this benchmark <paramref name="runs"/> times with <paramref name="args"/> plus <c>--json</c>.</summary>
    public static async Task<IReadOnlyList<FleetBenchmark.Result>> RunAsync(int runs, IReadOnlyList<string> args)
    {
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("cannot find this benchmark's executable to repeat the run");
        var results = new List<FleetBenchmark.Result>();
        for (var run = 1; run <= runs; run++)
        {
            var start = new ProcessStartInfo(self) { RedirectStandardOutput = true };
            foreach (var arg in args.Append("--json"))
            {
                start.ArgumentList.Add(arg);
            }

            if (self.EndsWith("dotnet", StringComparison.Ordinal) || self.EndsWith("dotnet.exe", StringComparison.Ordinal))
            {
                start.ArgumentList.Insert(0, typeof(FleetRuns).Assembly.Location);
            }

            using var child = Process.Start(start) ?? throw new InvalidOperationException($"could not start {self}");
            var output = await child.StandardOutput.ReadToEndAsync();
            await child.WaitForExitAsync();
            var json = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault(l => l.StartsWith('{'));
            if (child.ExitCode != 0 || json is null)
            {
                throw new InvalidOperationException($"fleet run {run} of {runs} failed (exit {child.ExitCode}); its log is above");
            }

            results.Add(JsonSerializer.Deserialize<FleetBenchmark.Result>(json, Json)!);
            Console.Error.WriteLine(FormattableString.Invariant($"run {run} of {runs}: attach {results[^1].AttachSeconds:0.0} s, apply loop {results[^1].RolloutSeconds:0.0} s, rollout {results[^1].ServerRolloutSeconds:0.0} s, rollback {results[^1].RollbackSeconds:0.0} s"));
        }

        return results;
    }

    /// <summary>One table row: the median of every column over <paramref name="runs"/>, and each run's rollout.</summary>
    public static string Row(IReadOnlyList<FleetBenchmark.Result> runs)
    {
        var r = runs[0];
        double M(Func<FleetBenchmark.Result, double> pick) => BenchStats.Median(runs.Select(pick));

        var rollout = M(x => x.RolloutSeconds);
        string Each(Func<FleetBenchmark.Result, double> pick) => string.Join(", ", runs.Select(x => pick(x).ToString("0.0", CultureInfo.InvariantCulture)));
        var each = Each(x => x.RolloutSeconds);
        var server = M(x => x.ServerRolloutSeconds);
        return FormattableString.Invariant(
            $"| {r.Vmis:N0} | {r.Vmis / r.PerHost:N0} × {r.PerHost:N0} | {r.Interval.TotalSeconds:0} s | {runs.Count} | {M(x => x.AttachSeconds):0.0} s ({r.Vmis / M(x => x.AttachSeconds):N0}/s) | {M(x => x.BytesPerVmi) / 1024:0.0} KiB | {M(x => x.HeapMiB):N0} MiB | {M(x => x.WorkingSetMiB):N0} MiB | {M(x => x.TicksPerSecond):N0} of {r.ExpectedTicksPerSecond:N0} | {M(x => x.DriftP50) * 1000:0} ms | {M(x => x.DriftP99) * 1000:0} ms ({string.Join(", ", runs.Select(x => (x.DriftP99 * 1000).ToString("0", CultureInfo.InvariantCulture)))}) | {M(x => x.SteadyCores):0.00} | {rollout:0.0} s ({r.Vmis / rollout:N0}/s; runs {each}) | {M(x => x.RolloutCores):0.00} | {server:0.0} s ({r.Vmis / server:N0}/s; {r.ServerWaves} waves; runs {Each(x => x.ServerRolloutSeconds)}) | {M(x => x.ServerRolloutCores):0.00} | {M(x => x.RollbackSeconds):0.0} s (runs {Each(x => x.RollbackSeconds)}) | {(r.Deferred ? "deferred" : "at once")} |");
    }
}
