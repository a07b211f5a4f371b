using Orleans.Concurrency;
using VmiGrains.Abstractions.Model;
using VmiGrains.Abstractions.Security;

namespace VmiGrains.Abstractions.Grains;

/// <summary>One profile, keyed by its id (slug): a list of validated, immutable versions.</summary>
[Alias("VmiGrains.IProfileGrain")]
public interface IProfileGrain : IGrainWithStringKey
{
    /// <summary>
    /// Validates <paramref name="json"/> (structure and Lua) and stores it as a new version; a
    /// document equal to the latest version creates nothing (<see cref="ProfileVersionInfo.Created"/> false).
    /// Throws <see cref="Validation.ProfileValidationException"/> with every error; nothing is stored then.
    /// </summary>
    [Alias("Define"), RequiresScope(Scopes.Write)]
    Task<ProfileVersionInfo> DefineAsync(string json);

    /// <summary>The latest version, or <paramref name="version"/>; <see cref="Validation.InvalidRequestException"/> when missing.</summary>
    [Alias("Get"), AlwaysInterleave, RequiresScope(Scopes.Read)]
    Task<ProfileVersion> GetAsync(int? version = null);

    /// <summary>Every version, oldest first; empty when the profile does not exist.</summary>
    [Alias("History"), RequiresScope(Scopes.Read)]
    Task<IReadOnlyList<ProfileVersionInfo>> GetHistoryAsync();

    /// <summary>Deletes every version. Refused while VMIs use it unless <paramref name="force"/>, which detaches them.</summary>
    [Alias("Delete"), RequiresScope(Scopes.Write)]
    Task DeleteAsync(bool force);
}
