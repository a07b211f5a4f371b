namespace VmiGrains.Domain.Telemetry;

/// <summary>
/// One measurement of a VMI at <see cref="Timestamp"/>. A metric that was not measured is
/// <see cref="double.NaN"/> and leaves the windows of that metric untouched.
/// </summary>
public sealed record TelemetrySample
{
    /// <summary>When the values were measured.</summary>
    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>CPU utilisation, 0..1.</summary>
    public double Cpu { get; init; } = double.NaN;

    /// <summary>Memory utilisation, 0..1.</summary>
    public double Mem { get; init; } = double.NaN;

    /// <summary>Received bytes per second.</summary>
    public double NetRx { get; init; } = double.NaN;

    /// <summary>Transmitted bytes per second.</summary>
    public double NetTx { get; init; } = double.NaN;

    /// <summary>Disk bytes read per second.</summary>
    public double IoRead { get; init; } = double.NaN;

    /// <summary>Disk bytes written per second.</summary>
    public double IoWrite { get; init; } = double.NaN;

    /// <summary>The value of <paramref name="metric"/> (NaN when not measured).</summary>
    public double this[MetricKind metric] => metric switch
    {
        MetricKind.Cpu => Cpu,
        MetricKind.Mem => Mem,
        MetricKind.NetRx => NetRx,
        MetricKind.NetTx => NetTx,
        MetricKind.IoRead => IoRead,
        MetricKind.IoWrite => IoWrite,
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, "unknown metric"),
    };
}
