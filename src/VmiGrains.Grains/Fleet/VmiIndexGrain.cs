using VmiGrains.Abstractions.Model;

namespace VmiGrains.Grains.Fleet;

/// <summary>A bucket of the VMI index; writes only when a report changes something.</summary>
internal sealed class VmiIndexGrain(
    [PersistentState("vmi-index", StorageNames.Vmis)] IPersistentState<VmiIndexState> state) : Grain, IVmiIndexGrain
{
    public Task ReportAsync(VmiListItem vmi)
    {
        ArgumentNullException.ThrowIfNull(vmi);
        if (state.State.Vmis.TryGetValue(vmi.VmiId, out var old) && old == vmi)
        {
            return Task.CompletedTask;
        }

        state.State.Gone.Remove(vmi.VmiId);
        state.State.Vmis[vmi.VmiId] = vmi;
        return state.WriteStateAsync();
    }

    public Task RemoveAsync(string vmiId) =>
        state.State.Vmis.Remove(vmiId) | state.State.Gone.Add(vmiId) ? state.WriteStateAsync() : Task.CompletedTask;

    public Task<bool> KnowsAsync(string vmiId) => Task.FromResult(state.State.Vmis.ContainsKey(vmiId) || state.State.Gone.Contains(vmiId));

    public Task<IReadOnlyList<VmiListItem>> ListAsync(string? host, string? profileId) =>
        Task.FromResult<IReadOnlyList<VmiListItem>>(
            [.. state.State.Vmis.Values.Where(v => (host is null || v.Host == host) && (profileId is null || v.ProfileId == profileId))]);

    public Task<IReadOnlyDictionary<string, int>> CountByProfileAsync() =>
        Task.FromResult<IReadOnlyDictionary<string, int>>(state.State.Vmis.Values
            .Where(v => v.ProfileId is not null)
            .GroupBy(v => v.ProfileId!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal));
}
