using VmiGrains.Abstractions.Model;

namespace VmiGrains.Abstractions.Grains;

/// <summary>The cluster's list of profiles and which VMIs use each (key <c>"default"</c>).</summary>
[Alias("VmiGrains.IProfileCatalogGrain")]
public interface IProfileCatalogGrain : IGrainWithStringKey
{
    /// <summary>Records a new version of a profile.</summary>
    [Alias("Register")]
    Task RegisterAsync(ProfileVersionInfo version);

    /// <summary>Forgets a deleted profile.</summary>
    [Alias("Remove")]
    Task RemoveAsync(string profileId);

    /// <summary>Every profile with its latest version and how many VMIs use it.</summary>
    [Alias("List")]
    Task<IReadOnlyList<ProfileSummary>> ListAsync();

    /// <summary>
    /// True when <paramref name="profileId"/> is defined. Lookups ask this first, so that a lookup of an
    /// unknown id never activates (and keeps) a profile grain.
    /// </summary>
    [Alias("Contains")]
    Task<bool> ContainsAsync(string profileId);

    /// <summary>The VMIs using <paramref name="profileId"/>.</summary>
    [Alias("GetVmis")]
    Task<IReadOnlyList<string>> GetVmisAsync(string profileId);
}
