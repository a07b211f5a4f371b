namespace VmiGrains.Domain.Telemetry;

/// <summary>The stats of every metric over one named window.</summary>
public sealed class WindowSummary
{
    private readonly MetricStats[] _metrics;

    /// <summary>Creates a summary; <paramref name="metrics"/> is indexed by <see cref="MetricKind"/>.</summary>
    public WindowSummary(string name, MetricStats[] metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        if (metrics.Length != MetricNames.Count)
        {
            throw new ArgumentException($"expected {MetricNames.Count} metrics, got {metrics.Length}", nameof(metrics));
        }

        Name = name;
        _metrics = metrics;
    }

    /// <summary>The window's name, e.g. <c>default</c> or <c>5m</c>.</summary>
    public string Name { get; }

    /// <summary>The stats of <paramref name="metric"/>.</summary>
    public MetricStats this[MetricKind metric] => _metrics[(int)metric];
}
