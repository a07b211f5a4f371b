using VmiGrains.Abstractions.Model;
using VmiGrains.Abstractions.Security;

namespace VmiGrains.Abstractions.Grains;

/// <summary>The cluster's list of profiles and which VMIs use each (key <c>"default"</c>).</summary>
[Alias("VmiGrains.IProfileCatalogGrain")]
public interface IProfileCatalogGrain : IGrainWithStringKey
{
    /// <summary>Every profile with its latest version and how many VMIs use it.</summary>
    [Alias("List"), RequiresScope(Scopes.Read)]
    Task<IReadOnlyList<ProfileSummary>> ListAsync();

    /// <summary>
    /// True when <paramref name="profileId"/> is defined. Lookups ask this first, so that a lookup of an
    /// unknown id never activates (and keeps) a profile grain.
    /// </summary>
    [Alias("Contains"), RequiresScope(Scopes.Read)]
    Task<bool> ContainsAsync(string profileId);

    /// <summary>The VMIs using <paramref name="profileId"/>.</summary>
    [Alias("GetVmis"), RequiresScope(Scopes.Read)]
    Task<IReadOnlyList<string>> GetVmisAsync(string profileId);
}
