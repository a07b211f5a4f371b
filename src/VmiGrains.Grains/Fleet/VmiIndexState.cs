using VmiGrains.Abstractions.Model;

namespace VmiGrains.Grains.Fleet;

/// <summary>Persisted bucket of the VMI index.</summary>
[GenerateSerializer, Alias("VmiGrains.VmiIndexState")]
public sealed class VmiIndexState
{
    /// <summary>VMI id → last report.</summary>
    [Id(0)] public Dictionary<string, VmiListItem> Vmis { get; set; } = new(StringComparer.Ordinal);

    /// <summary>VMIs whose domain was undefined: not listed, but still resolvable by UUID (their grain says why they left).</summary>
    [Id(1)] public HashSet<string> Gone { get; set; } = new(StringComparer.Ordinal);
}
