namespace VmiGrains.Cluster.Benchmarks;

/// <summary>What one silo count measured: every run's rate, and the CPU its runs used (all runs together).</summary>
internal sealed record ScalingResult(int Silos, int Vmis, IReadOnlyList<double> Ingest, CpuUsage IngestCpu, IReadOnlyList<double> Attach, CpuUsage AttachCpu)
{
    public static double Median(IReadOnlyList<double> runs)
    {
        var sorted = runs.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
