using System.Globalization;
using System.Text;

namespace VmiGrains.Cluster.Benchmarks;

/// <summary>
/// The markdown section for docs/benchmarks.md: one row per silo count, then what the curve says,
/// derived from the measured rates and CPU (so the text cannot claim scaling the numbers do not show).
/// </summary>
internal static class ScalingReport
{
    public static string Markdown(BenchOptions options, IReadOnlyList<ScalingResult> results)
    {
        var cores = Environment.ProcessorCount;
        var md = new StringBuilder();
        md.AppendLine("### Scaling with silos (processes on Redis membership)")
          .AppendLine()
          .AppendLine(Invariant($"Each silo is a vmi-silo process managing its own libvirt test-driver host of {options.VmisPerHost} VMIs; membership and grain state on one private redis-server; statistics polling off. One Orleans client in the driver process finds every silo's gateway through Redis membership and drives all VMIs of all hosts: ingestion in batches of {ScalingBenchmark.Batch} samples from {ScalingBenchmark.Callers} callers for {options.Seconds} s a run (after one untimed run); attach of the whole fleet, from detached, by {ScalingBenchmark.Callers} callers, repeated (detaching untimed) until a run has ≥ 2 s of attaching. Median of {options.Runs} runs. Rates first, then where the CPU went (user + system seconds over all timed runs, from /proc; cores busy = CPU ÷ wall time, of {cores}; the whole machine includes other users' work)."))
          .AppendLine()
          .AppendLine("| silos | VMIs | ingestion samples/s, median (runs) | attach VMIs/s, median (runs) |")
          .AppendLine("|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            md.AppendLine(Invariant($"| {r.Silos} | {r.Vmis:N0} | {BenchStats.Median(r.Ingest):N0} ({Runs(r.Ingest)}) | {BenchStats.Median(r.Attach):N0} ({Runs(r.Attach)}) |"));
        }

        md.AppendLine()
          .AppendLine("| silos | measurement | wall s | silo CPU s (each silo) | client CPU s | redis CPU s | cores busy: these processes | cores busy: whole machine |")
          .AppendLine("|---:|---|---:|---:|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            md.AppendLine(Cpu(r.Silos, "ingestion", r.IngestCpu)).AppendLine(Cpu(r.Silos, "attach", r.AttachCpu));
        }

        md.AppendLine().AppendLine(Reading(results, cores)).AppendLine();
        return md.ToString();
    }

    /// <summary>What the curve says: growth relative to the fewest silos, and how busy the machine already was there.</summary>
    private static string Reading(IReadOnlyList<ScalingResult> results, int cores)
    {
        var ordered = results.OrderBy(r => r.Silos).ToList();
        if (ordered.Count < 2)
        {
            return "One silo count measured: no curve.";
        }

        var first = ordered[0];
        var last = ordered[^1];
        var ingest = BenchStats.Median(last.Ingest) / BenchStats.Median(first.Ingest);
        var attach = BenchStats.Median(last.Attach) / BenchStats.Median(first.Attach);
        var saturated = first.IngestCpu.MachineCores >= 0.85 * cores;
        var verdict = ingest >= 1.15 ? "grows" : ingest <= 0.87 ? "falls" : "stays flat";
        return Invariant($"From {first.Silos} to {last.Silos} silo(s), ingestion {verdict} (×{ingest:0.00}) and attach changes ×{attach:0.00}. ") +
            (saturated
                ? Invariant($"With {first.Silos} silo(s) the machine was already {first.IngestCpu.MachineCores:0.0} of {cores} cores busy during ingestion ({first.IngestCpu.Cores:0.0} of them this benchmark's processes), so added silos share the same cores rather than add capacity; on this machine the curve measures the cost of more processes and cross-silo hops, not the scaling of a cluster with a machine per silo.")
                : Invariant($"With {first.Silos} silo(s) the machine was {first.IngestCpu.MachineCores:0.0} of {cores} cores busy during ingestion ({first.IngestCpu.Cores:0.0} of them this benchmark's processes), so there was CPU left for more silos to use."));
    }

    private static string Runs(IReadOnlyList<double> runs) =>
        string.Join(", ", runs.Select(x => x.ToString("N0", CultureInfo.InvariantCulture)));

    private static string Cpu(int silos, string measurement, CpuUsage u) =>
        Invariant($"| {silos} | {measurement} | {u.Wall:0.0} | {u.SiloTotal:0.0} ({string.Join(" + ", u.Silos.Select(s => s.ToString("0.0", CultureInfo.InvariantCulture)))}) | {u.Driver:0.0} | {u.Redis:0.0} | {u.Cores:0.00} | {u.MachineCores:0.00} |");

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
