using VmiGrains.Abstractions.Model;

namespace VmiGrains.Grains.Profiles;

/// <summary>Persisted catalog: latest version per profile.</summary>
[GenerateSerializer, Alias("VmiGrains.CatalogState")]
public sealed class CatalogState
{
    /// <summary>Latest version info per profile id.</summary>
    [Id(0)] public Dictionary<string, ProfileVersionInfo> Profiles { get; set; } = new(StringComparer.Ordinal);

    /// <summary>VMI id → profile id, as stored before the VMI index held profiles; cleared on activation (the fleet's VMIs carry them).</summary>
    [Id(1)] public Dictionary<string, string> Assignments { get; set; } = new(StringComparer.Ordinal);
}
