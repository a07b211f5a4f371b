using VmiGrains.Abstractions.Model;

namespace VmiGrains.Grains.Profiles;

/// <summary>Persisted catalog: latest version per profile and each VMI's profile.</summary>
[GenerateSerializer, Alias("VmiGrains.CatalogState")]
public sealed class CatalogState
{
    /// <summary>Latest version info per profile id.</summary>
    [Id(0)] public Dictionary<string, ProfileVersionInfo> Profiles { get; set; } = new(StringComparer.Ordinal);

    /// <summary>VMI id → profile id.</summary>
    [Id(1)] public Dictionary<string, string> Assignments { get; set; } = new(StringComparer.Ordinal);
}
