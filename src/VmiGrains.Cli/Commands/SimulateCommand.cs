using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using VmiGrains.Abstractions.Profiles;
using VmiGrains.Cli.Output;
using VmiGrains.Domain.Allocation;
using VmiGrains.Domain.Simulation;
using VmiGrains.Rules.Replay;

namespace VmiGrains.Cli.Commands;

/// <summary>
/// <c>vmi host simulate</c>: offline, no cluster. Runs the seeded host simulator for every scenario and
/// the five policies side by side and prints the comparison; <c>--plan-cost</c> also times one re-plan
/// of the work-conserving policy at 100 and 1,000 VMIs.
/// </summary>
internal static class SimulateCommand
{
    private static readonly int[] CostSizes = [100, 1000];

    public static Command Create()
    {
        var scenario = new Option<string>("--scenario") { Description = $"One scenario ({string.Join(", ", SimulationScenarios.Names)}) or 'all'", DefaultValueFactory = _ => "all", HelpName = "NAME" };
        var vmis = new Option<int>("--vmis") { Description = "VMIs on the simulated host (2-1000)", DefaultValueFactory = _ => 8, HelpName = "N" };
        var steps = new Option<int>("--steps") { Description = "Intervals of 10 s to simulate (10-100000; 360 = one hour)", DefaultValueFactory = _ => 360, HelpName = "N" };
        var seed = new Option<int>("--seed") { Description = "Seed of the demand traces (same seed, same table)", DefaultValueFactory = _ => 1 };
        var cost = new Option<bool>("--plan-cost") { Description = "Also time one re-plan at 100 and 1,000 VMIs (median of 15)" };
        var markdown = new Option<bool>("--markdown") { Description = "Print the table as Markdown (for docs/benchmarks)" };
        var traces = new Option<string[]>("--trace") { Description = "Recorded telemetry (JSON lines, as 'vmi rules test --replay' reads) replayed by the VMIs instead of the built-in scenarios; repeatable", HelpName = "FILE.jsonl", AllowMultipleArgumentsPerToken = true };
        var link = new Option<double>("--link-kibps") { Description = "Link speed for --trace, KiB/s", DefaultValueFactory = _ => 125_000, HelpName = "KIBPS" };
        var command = new Command("simulate", "Compare allocation policies on a simulated host: unmet demand, fairness, knob changes, time to fair share.\n\n"
            + "Policies: static-equal (1/n caps), static-weighted (weight caps), mom-like (5 % balloon steps on pressure, no network\n"
            + "control), demand-capped (VmiGrains before issue 16), work-conserving (now). Columns: UNMET % of all memory and network\n"
            + "demand; FAIRNESS Jain's index of weighted service in contended intervals (1 = fair); CHANGES/VMI/H knob changes;\n"
            + "TO FAIR median intervals until a newly busy VMI gets 95 % of its fair share (inf = never); IDLE CAPS VMI-intervals capped\n"
            + "below the maximum while the host was not contended.\n\n"
            + "Examples:\n  vmi host simulate\n  vmi host simulate --trace examples/telemetry/render-burst.jsonl --link-kibps 100\n  vmi host simulate --scenario bursty --vmis 32 --seed 7\n  vmi host simulate --plan-cost -o json")
        {
            scenario, vmis, steps, seed, cost, markdown, traces, link,
        };
        command.SetAction(result =>
        {
            var io = result.InvocationConfiguration;
            var (name, n, s) = (result.GetValue(scenario)!, result.GetValue(vmis), result.GetValue(steps));
            var errors = Validate(name, n, s);
            var recorded = ReadTraces(result.GetValue(traces) ?? [], errors);
            if (result.GetValue(link) is not (> 0 and < 1e12))
            {
                errors.Add($"--link-kibps: must be positive (got {result.GetValue(link).ToString(CultureInfo.InvariantCulture)}); 125000 is 1 Gbit/s");
            }
            foreach (var e in errors)
            {
                io.Error.WriteLine(e);
            }

            if (errors.Count > 0)
            {
                return ExitCodes.InvalidInput;
            }

            var scenarios = recorded.Count > 0
                ? [TraceScenario.Create("traces", recorded, n, s, result.GetValue(link))]
                : (name == "all" ? SimulationScenarios.Names : [name]).Select(x => SimulationScenarios.Create(x, n, s, result.GetValue(seed))).ToList();
            var results = scenarios.SelectMany(x => SimulationScenarios.Policies().Select(p => HostSimulator.Run(x, p))).ToList();
            var costs = result.GetValue(cost) ? CostSizes.Select(c => (Vmis: c, Milliseconds: PlanCost(c))).ToList() : [];
            if (GlobalOptions.IsJson(result))
            {
                JsonOutput.Write(io.Output, new { results, plan_cost = costs.Select(c => new { vmis = c.Vmis, median_ms = c.Milliseconds }) });
                return ExitCodes.Ok;
            }

            string[] headers = ["SCENARIO", "POLICY", "UNMET %", "FAIRNESS", "CHANGES/VMI/H", "TO FAIR", "IDLE CAPS"];
            var rows = results.Select(r => new[] { r.Scenario, r.Policy, F(r.UnmetPercent, "0.00"), F(r.Fairness, "0.000"), F(r.ChangesPerVmiHour, "0.0"), F(r.IntervalsToFairShare, "0.0"), r.UncontendedCaps.ToString(CultureInfo.InvariantCulture) }).ToList();
            if (result.GetValue(markdown))
            {
                io.Output.WriteLine($"| {string.Join(" | ", headers)} |");
                io.Output.WriteLine($"|{string.Concat(headers.Select((_, i) => i < 2 ? "---|" : "---:|"))}");
                rows.ForEach(r => io.Output.WriteLine($"| {string.Join(" | ", r)} |"));
            }
            else
            {
                Table.Write(io.Output, headers, rows);
            }

            foreach (var (c, ms) in costs)
            {
                io.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"re-plan of {c} VMIs: {ms:0.000} ms (median of 15)"));
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static List<string> Validate(string scenario, int vmis, int steps)
    {
        var errors = new List<string>();
        if (scenario != "all" && !SimulationScenarios.Names.Contains(scenario))
        {
            errors.Add($"--scenario: \"{scenario}\" is not a scenario; use one of: all, {string.Join(", ", SimulationScenarios.Names)}");
        }

        if (vmis is < 2 or > 1000)
        {
            errors.Add($"--vmis: must be 2-1000 (got {vmis}); e.g. --vmis 8");
        }

        if (steps is < 10 or > 100_000)
        {
            errors.Add($"--steps: must be 10-100000 (got {steps}); 360 is one hour of 10 s intervals");
        }

        return errors;
    }

    /// <summary>Each file's samples as (memory use, rx + tx KiB/s); unreadable files and parse errors go to <paramref name="errors"/>.</summary>
    private static List<IReadOnlyList<ResourceVector>> ReadTraces(string[] files, List<string> errors)
    {
        var traces = new List<IReadOnlyList<ResourceVector>>();
        foreach (var file in files)
        {
            string text;
            try
            {
                text = File.ReadAllText(file);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                errors.Add($"--trace {file}: cannot be read ({ex.Message}); give a JSON-lines telemetry file such as examples/telemetry/render-burst.jsonl");
                continue;
            }

            var records = TelemetryJsonl.Parse(text, out var parseErrors);
            errors.AddRange(parseErrors.Select(e => $"--trace {file}: {e}"));
            var samples = records.Where(r => r.Sample is not null).Select(r => r.Sample!)
                .Select(x => new ResourceVector(double.NaN, x.Mem, ((double.IsFinite(x.NetRx) ? x.NetRx : 0) + (double.IsFinite(x.NetTx) ? x.NetTx : 0)) / 1024, double.NaN)).ToList();
            if (samples.Count == 0 && parseErrors.Count == 0)
            {
                errors.Add($"--trace {file}: holds no samples (lines with \"t\" and \"mem\" / \"net_rx\" / \"net_tx\")");
            }

            traces.Add(samples);
        }

        return traces;
    }

    /// <summary>Median wall time of one contended re-plan of <paramref name="vmis"/> VMIs that all had shares applied.</summary>
    private static double PlanCost(int vmis)
    {
        var random = new Random(3);
        var options = new WorkConservingOptions();
        var at = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var demands = Enumerable.Range(0, vmis).Select(i => new VmiDemand($"vm-{i}", new ResourceVector(0.25, 0.25, 0.25, 0.25),
            new ResourceVector(double.PositiveInfinity, 0.95 / vmis * random.NextDouble() * 2, 0.95 / vmis * random.NextDouble() * 2, double.PositiveInfinity),
            new ResourceVector(1, 1.5 / vmis, 1, 1), 0.001, Forced: false)).ToList();
        var applied = demands.ToDictionary(d => d.VmiId, d => new AppliedShares(new ResourceVector(1.0 / vmis, 1.5 / vmis, 1, 1.0 / vmis), [at, at, at, at]), StringComparer.Ordinal);
        var times = new List<double>();
        for (var run = 0; run < 16; run++)
        {
            var started = Stopwatch.GetTimestamp();
            WorkConservingPolicy.Plan(demands, applied, HostPressure.None, at.AddMinutes(1), options);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (run > 0)
            {
                times.Add(elapsed); // the first run pays for JIT
            }
        }

        times.Sort();
        return times[times.Count / 2];
    }

    private static string F(double value, string format) =>
        double.IsNaN(value) ? "-" : double.IsPositiveInfinity(value) ? "inf" : value.ToString(format, CultureInfo.InvariantCulture);
}
