using VmiGrains.Abstractions.Grains;
using VmiGrains.Abstractions.Model;

namespace VmiGrains.Grains.Profiles;

/// <summary>Which profiles exist and which VMIs use them.</summary>
internal sealed class ProfileCatalogGrain(
    [PersistentState("catalog", StorageNames.Profiles)] IPersistentState<CatalogState> state) : Grain, IProfileCatalogGrain
{
    public Task RegisterAsync(ProfileVersionInfo version)
    {
        state.State.Profiles[version.ProfileId] = version;
        return state.WriteStateAsync();
    }

    public Task RemoveAsync(string profileId)
    {
        state.State.Profiles.Remove(profileId);
        foreach (var vmi in state.State.Assignments.Where(a => a.Value == profileId).Select(a => a.Key).ToList())
        {
            state.State.Assignments.Remove(vmi);
        }

        return state.WriteStateAsync();
    }

    public Task SetAssignmentAsync(string vmiId, string? profileId)
    {
        var changed = profileId is null
            ? state.State.Assignments.Remove(vmiId)
            : !state.State.Assignments.TryGetValue(vmiId, out var old) || old != profileId;
        if (profileId is not null)
        {
            state.State.Assignments[vmiId] = profileId;
        }

        return changed ? state.WriteStateAsync() : Task.CompletedTask;
    }

    public Task<IReadOnlyList<ProfileSummary>> ListAsync()
    {
        var counts = state.State.Assignments.Values.GroupBy(p => p).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return Task.FromResult<IReadOnlyList<ProfileSummary>>(
            [.. state.State.Profiles.Values.OrderBy(p => p.ProfileId, StringComparer.Ordinal)
                .Select(p => new ProfileSummary(p.ProfileId, p.Name, p.Version, counts.GetValueOrDefault(p.ProfileId)))]);
    }

    public Task<IReadOnlyList<string>> GetVmisAsync(string profileId) =>
        Task.FromResult<IReadOnlyList<string>>([.. state.State.Assignments.Where(a => a.Value == profileId).Select(a => a.Key).Order(StringComparer.Ordinal)]);
}
