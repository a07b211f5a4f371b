namespace VmiGrains.Grains.Rollouts;

/// <summary>
/// How rollouts claim their profile (implemented by <see cref="RolloutCatalogGrain"/>): at most one
/// running rollout per profile. Not part of the client surface; gateway calls to it are refused.
/// </summary>
[Alias("VmiGrains.IRolloutRegistryGrain")]
public interface IRolloutRegistryGrain : IGrainWithStringKey
{
    /// <summary>Claims <paramref name="profileId"/> for <paramref name="rolloutId"/>; returns the id of the rollout that holds it (itself when the claim succeeded).</summary>
    [Alias("Claim")]
    Task<string> ClaimAsync(string profileId, string rolloutId);

    /// <summary>The id of the rollout that holds <paramref name="profileId"/>, or null when none runs.</summary>
    [Alias("Running")]
    Task<string?> RunningAsync(string profileId);

    /// <summary>Frees the profile when <paramref name="rolloutId"/> holds it; idempotent.</summary>
    [Alias("Release")]
    Task ReleaseAsync(string profileId, string rolloutId);
}
