using VmiGrains.Abstractions.Model;

namespace VmiGrains.Grains.Profiles;

/// <summary>Persisted state of a profile: every version, oldest first.</summary>
[GenerateSerializer, Alias("VmiGrains.ProfileState")]
public sealed class ProfileState
{
    /// <summary>The versions; version numbers start at 1 and never repeat, even after a delete.</summary>
    [Id(0)] public List<ProfileVersion> Versions { get; set; } = [];

    /// <summary>The highest version number ever given out.</summary>
    [Id(1)] public int LastVersion { get; set; }
}
