namespace VmiGrains.Grains.Profiles;

/// <summary>
/// How profiles keep the catalog current (implemented by <see cref="ProfileCatalogGrain"/>). Not part
/// of the client surface: clients define and delete profiles through <c>IProfileGrain</c>, which
/// validates; calls to this interface through a gateway are refused by the silo's incoming call filter.
/// </summary>
[Alias("VmiGrains.IProfileCatalogClusterGrain")]
public interface IProfileCatalogClusterGrain : IGrainWithStringKey
{
    /// <summary>Records a new version of a profile.</summary>
    [Alias("Register")]
    Task RegisterAsync(VmiGrains.Abstractions.Model.ProfileVersionInfo version);

    /// <summary>Forgets a deleted profile.</summary>
    [Alias("Remove")]
    Task RemoveAsync(string profileId);
}
