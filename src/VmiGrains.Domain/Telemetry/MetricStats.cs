namespace VmiGrains.Domain.Telemetry;

/// <summary>
/// Summary of one metric over one window. All values are 0 when <see cref="Samples"/> is 0.
/// </summary>
/// <param name="Last">The most recent value (same in every window).</param>
/// <param name="Avg">Mean of the samples in the window.</param>
/// <param name="P95">95th percentile (nearest rank) of the window's slot means; exact when a slot holds one sample.</param>
/// <param name="Max">Largest sample in the window.</param>
/// <param name="Ewma">Exponentially weighted moving average (time constant from the options; same in every window).</param>
/// <param name="Trend">Least-squares slope of the slot means, in units per second (positive = rising).</param>
/// <param name="Samples">How many samples the window holds.</param>
public readonly record struct MetricStats(
    double Last,
    double Avg,
    double P95,
    double Max,
    double Ewma,
    double Trend,
    int Samples);
