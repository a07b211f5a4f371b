namespace VmiGrains.Abstractions.Model;

/// <summary>
/// A telemetry sample pushed by a guest or external telemetry: utilisation fractions (0–1) for
/// <c>cpu</c> and <c>mem</c>, byte rates per second for the rest. Unset metrics are unknown.
/// </summary>
[GenerateSerializer, Immutable, Alias("VmiGrains.FeedbackSample")]
public sealed record FeedbackSample
{
    /// <summary>When it was measured; the grain's clock when null.</summary>
    [Id(0)] public DateTimeOffset? Timestamp { get; init; }

    /// <summary>CPU utilisation 0–1.</summary>
    [Id(1)] public double? Cpu { get; init; }

    /// <summary>Memory utilisation 0–1.</summary>
    [Id(2)] public double? Mem { get; init; }

    /// <summary>Received bytes per second.</summary>
    [Id(3)] public double? NetRx { get; init; }

    /// <summary>Sent bytes per second.</summary>
    [Id(4)] public double? NetTx { get; init; }

    /// <summary>Bytes read per second.</summary>
    [Id(5)] public double? IoRead { get; init; }

    /// <summary>Bytes written per second.</summary>
    [Id(6)] public double? IoWrite { get; init; }
}
