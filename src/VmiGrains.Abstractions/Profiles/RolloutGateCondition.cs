namespace VmiGrains.Abstractions.Profiles;

/// <summary>
/// A profile version's metric condition for the health gate of a rollout to it (<c>rollout_gate</c>): a wave
/// passes only when <see cref="Statistic"/> of <see cref="Metric"/> over each VMI's default window, averaged over
/// the wave's VMIs, rose by at most <see cref="MaxIncrease"/> (in the metric's unit) and/or
/// <see cref="MaxIncreasePercent"/> between just before the wave switched and the end of its soak.
/// </summary>
[GenerateSerializer, Immutable, Alias("VmiGrains.RolloutGateCondition")]
public sealed record RolloutGateCondition
{
    /// <summary>A telemetry metric: <c>cpu</c>, <c>mem</c>, <c>net_rx</c>, <c>net_tx</c>, <c>io_read</c> or <c>io_write</c>.</summary>
    [Id(0)] public required string Metric { get; init; }

    /// <summary>Which statistic of the window: <c>p95</c> (default), <c>avg</c> or <c>max</c>.</summary>
    [Id(1)] public string Statistic { get; init; } = DefaultStatistic;

    /// <summary>Largest allowed rise, in the metric's unit (a fraction for <c>cpu</c>/<c>mem</c>, bytes/s otherwise); null: not checked.</summary>
    [Id(2)] public double? MaxIncrease { get; init; }

    /// <summary>Largest allowed rise in percent of the value before; null: not checked.</summary>
    [Id(3)] public double? MaxIncreasePercent { get; init; }

    /// <summary>The statistic used when none is named.</summary>
    public const string DefaultStatistic = "p95";
}
