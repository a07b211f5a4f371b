namespace VmiGrains.Abstractions.Model;

/// <summary>One metric's default window: last, average, p95, max, EWMA and trend (per second).</summary>
[GenerateSerializer, Immutable, Alias("VmiGrains.MetricSummary")]
public sealed record MetricSummary(
    [property: Id(0)] string Metric,
    [property: Id(1)] double Last,
    [property: Id(2)] double Avg,
    [property: Id(3)] double P95,
    [property: Id(4)] double Max,
    [property: Id(5)] double Ewma,
    [property: Id(6)] double Trend,
    [property: Id(7)] int Samples);
