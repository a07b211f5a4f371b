using VmiGrains.Abstractions.Grains;
using VmiGrains.Abstractions.Model;
using VmiGrains.Abstractions.Validation;
using VmiGrains.Domain.Labels;
using VmiGrains.Domain.Rollouts;
using VmiGrains.Grains.Fleet;

namespace VmiGrains.Grains.Rollouts;

/// <summary>What a rollout and its what-if both check and select, so that the what-if shows what the rollout would do.</summary>
internal static class RolloutInputs
{
    /// <summary>Longest soak a rollout may ask for (as <see cref="RolloutOptions.SoakPeriod"/>).</summary>
    public static readonly TimeSpan MaxSoak = TimeSpan.FromHours(24);

    /// <summary>The request's own checks (profile named, canary, batch, growth); returns the canary.</summary>
    public static CanarySize Validate(RolloutRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.ProfileId))
        {
            throw new InvalidRequestException(new ValidationError("profile", "is required", null, "name a profile from 'vmi profile list'"));
        }

        var canary = CanarySize.Parse(request.Canary, "canary");
        RolloutPlan.Validate(request.BatchPercent, request.Growth);
        _ = LabelSelector.Parse(request.Selector, "selector");
        if (request.Soak is { } soak && (soak < TimeSpan.Zero || soak > MaxSoak))
        {
            throw new InvalidRequestException(new ValidationError("soak", "must be from 0s to 24h", Domain.Profiles.DurationFormat.Format(soak), "write e.g. \"30s\" or \"5m\""));
        }

        return canary;
    }

    /// <summary>The target version of a known profile; refused naming the profile or the version.</summary>
    public static async Task<ProfileVersion> TargetAsync(IGrainFactory grains, RolloutRequest request)
    {
        if (!await grains.GetGrain<IProfileCatalogGrain>(GrainKeys.Default).ContainsAsync(request.ProfileId))
        {
            throw new InvalidRequestException(new ValidationError("profile", "unknown profile", request.ProfileId, "see 'vmi profile list'"));
        }

        return await grains.GetGrain<IProfileGrain>(request.ProfileId).GetAsync(request.ToVersion);
    }

    /// <summary>The VMIs on the profile (on the requested hosts, matching the selector), from the VMI index.</summary>
    public static async Task<RolloutSelection> SelectAsync(IGrainFactory grains, RolloutRequest request, int targetVersion) =>
        RolloutSelection.Of(await VmiIndex.ListAsync(grains, profileId: request.ProfileId), request.Hosts, targetVersion, LabelSelector.Parse(request.Selector, "selector"));
}
