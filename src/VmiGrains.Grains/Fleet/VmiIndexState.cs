using VmiGrains.Abstractions.Model;

namespace VmiGrains.Grains.Fleet;

/// <summary>Persisted bucket of the VMI index.</summary>
[GenerateSerializer, Alias("VmiGrains.VmiIndexState")]
public sealed class VmiIndexState
{
    /// <summary>VMI id → last report.</summary>
    [Id(0)] public Dictionary<string, VmiListItem> Vmis { get; set; } = new(StringComparer.Ordinal);
}
