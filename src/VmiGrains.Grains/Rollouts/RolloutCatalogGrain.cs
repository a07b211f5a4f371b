using VmiGrains.Abstractions.Grains;
using VmiGrains.Abstractions.Model;
using VmiGrains.Grains.Profiles;

namespace VmiGrains.Grains.Rollouts;

/// <summary>Which rollouts exist and which one holds each profile.</summary>
internal sealed class RolloutCatalogGrain(
    [PersistentState("rollouts", StorageNames.Profiles)] IPersistentState<RolloutCatalogState> state) : Grain, IRolloutCatalogGrain, IRolloutRegistryGrain
{
    /// <summary>Most rollout ids remembered for listing.</summary>
    public const int MaxRecent = 100;

    public async Task<string> ClaimAsync(string profileId, string rolloutId)
    {
        if (state.State.Running.TryGetValue(profileId, out var running))
        {
            return running;
        }

        state.State.Running[profileId] = rolloutId;
        state.State.Recent.Remove(rolloutId);
        state.State.Recent.Add(rolloutId);
        if (state.State.Recent.Count > MaxRecent)
        {
            state.State.Recent.RemoveRange(0, state.State.Recent.Count - MaxRecent);
        }

        await state.WriteStateAsync();
        return rolloutId;
    }

    public Task<string?> RunningAsync(string profileId) =>
        Task.FromResult(state.State.Running.TryGetValue(profileId, out var running) ? running : null);

    public async Task ReleaseAsync(string profileId, string rolloutId)
    {
        if (state.State.Running.TryGetValue(profileId, out var running) && running == rolloutId)
        {
            state.State.Running.Remove(profileId);
            await state.WriteStateAsync();
        }
    }

    public async Task<IReadOnlyList<RolloutView>> ListAsync()
    {
        var views = new RolloutView?[state.State.Recent.Count];
        var ids = state.State.Recent.ToList();
        await BoundedParallel.ForEachAsync(Enumerable.Range(0, ids.Count), 16, async i => views[i] = await GrainFactory.GetGrain<IRolloutGrain>(ids[i]).GetAsync());
        return [.. views.Reverse().OfType<RolloutView>()];
    }
}
