using VmiGrains.Abstractions.Model;

namespace VmiGrains.Grains.Rollouts;

/// <summary>Persisted progress of one wave.</summary>
[GenerateSerializer, Alias("VmiGrains.WaveProgress")]
public sealed class WaveProgress
{
    /// <summary>Where the wave is.</summary>
    [Id(0)] public WaveStatus Status { get; set; }

    /// <summary>When its VMIs were switched (decisions after it count for the gate).</summary>
    [Id(1)] public DateTimeOffset? AppliedAt { get; set; }

    /// <summary>When the gate is due.</summary>
    [Id(2)] public DateTimeOffset? SoakUntil { get; set; }

    /// <summary>The gate's evidence, once evaluated.</summary>
    [Id(3)] public string? Gate { get; set; }

    /// <summary>Switched VMIs per host.</summary>
    [Id(4)] public Dictionary<string, int> Switched { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Errors per host (at most a few each).</summary>
    [Id(5)] public Dictionary<string, List<string>> Errors { get; set; } = new(StringComparer.Ordinal);

    /// <summary>VMI → its value of the metric gate's statistic just before the wave switched it (VMIs with samples only).</summary>
    [Id(6)] public Dictionary<string, double> Baseline { get; set; } = new(StringComparer.Ordinal);
}
