using VmiGrains.Abstractions.Grains;
using VmiGrains.Abstractions.Model;
using VmiGrains.Grains.Fleet;

namespace VmiGrains.Grains.Profiles;

/// <summary>Which profiles exist; which VMIs use them comes from the sharded <see cref="VmiIndex"/>.</summary>
internal sealed class ProfileCatalogGrain(
    [PersistentState("catalog", StorageNames.Profiles)] IPersistentState<CatalogState> state) : Grain, IProfileCatalogGrain, IProfileCatalogClusterGrain
{
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Assignments.Count > 0)
        {
            // Written before the index: the fleet grain moves its VMIs (profiles included) into the index when it activates.
            await GrainFactory.GetGrain<IFleetGrain>(GrainKeys.Default).ResolveAsync(string.Empty);
            state.State.Assignments.Clear();
            await state.WriteStateAsync(cancellationToken);
        }
    }

    public Task RegisterAsync(ProfileVersionInfo version)
    {
        state.State.Profiles[version.ProfileId] = version;
        return state.WriteStateAsync();
    }

    public Task RemoveAsync(string profileId)
    {
        state.State.Profiles.Remove(profileId);
        return state.WriteStateAsync();
    }

    public async Task<IReadOnlyList<ProfileSummary>> ListAsync()
    {
        var counts = await VmiIndex.CountByProfileAsync(GrainFactory);
        return [.. state.State.Profiles.Values.OrderBy(p => p.ProfileId, StringComparer.Ordinal)
            .Select(p => new ProfileSummary(p.ProfileId, p.Name, p.Version, counts.GetValueOrDefault(p.ProfileId)))];
    }

    public Task<bool> ContainsAsync(string profileId) => Task.FromResult(profileId is not null && state.State.Profiles.ContainsKey(profileId));

    public async Task<IReadOnlyList<string>> GetVmisAsync(string profileId) =>
        [.. (await VmiIndex.ListAsync(GrainFactory, profileId: profileId)).Select(v => v.VmiId).Order(StringComparer.Ordinal)];
}
