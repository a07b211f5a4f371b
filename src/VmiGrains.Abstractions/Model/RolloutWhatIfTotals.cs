namespace VmiGrains.Abstractions.Model;

/// <summary>The what-if of a rollout over every VMI it would move: how many VMIs each effect touches.</summary>
[GenerateSerializer, Immutable, Alias("VmiGrains.RolloutWhatIfTotals")]
public sealed record RolloutWhatIfTotals
{
    /// <summary>VMIs replayed.</summary>
    [Id(0)] public int Vmis { get; init; }

    /// <summary>VMIs a rule would switch to another profile.</summary>
    [Id(1)] public int SwitchProfile { get; init; }

    /// <summary>VMIs whose weights a rule would change (<c>set_weight</c>).</summary>
    [Id(2)] public int ChangeWeights { get; init; }

    /// <summary>VMIs whose network a rule would shape (<c>shape_network</c>).</summary>
    [Id(3)] public int Shaped { get; init; }

    /// <summary>VMIs in which a rule would run a program (<c>run</c>).</summary>
    [Id(4)] public int RunPrograms { get; init; }

    /// <summary>VMIs with a rule error or a rule disabled for failing.</summary>
    [Id(5)] public int RuleErrors { get; init; }

    /// <summary>VMIs whose rules would do none of these (they may still log, emit, set priorities or inject faults: see <see cref="Actions"/>).</summary>
    [Id(6)] public int Unaffected { get; init; }

    /// <summary>VMIs that could not be replayed.</summary>
    [Id(7)] public int Unreadable { get; init; }

    /// <summary>Every action of every VMI, by kind.</summary>
    [Id(8)] public IReadOnlyDictionary<string, int> Actions { get; init; } = new Dictionary<string, int>(StringComparer.Ordinal);
}
