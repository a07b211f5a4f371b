namespace VmiGrains.Benchmarking;

/// <summary>Reductions the benchmarks report: this machine is noisy, so runs are summarised by their median.</summary>
internal static class BenchStats
{
    /// <summary>The median of <paramref name="runs"/> (the mean of the middle two for an even count).</summary>
    public static double Median(IEnumerable<double> runs)
    {
        var sorted = runs.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
