using VmiGrains.Abstractions.Model;

namespace VmiGrains.Grains.Fleet;

/// <summary>
/// A bucket of the VMI index; writes only when a report changes something. A write that fails
/// deactivates the bucket (its memory may be ahead of storage, and its ETag stale after a write that
/// timed out but landed): the next call reads storage again, and the caller, told of the failure, reports again.
/// </summary>
internal sealed class VmiIndexGrain(
    [PersistentState("vmi-index", StorageNames.Vmis)] IPersistentState<VmiIndexState> state) : Grain, IVmiIndexGrain
{
    public async Task ReportAsync(VmiListItem vmi)
    {
        ArgumentNullException.ThrowIfNull(vmi);
        if (state.State.Vmis.TryGetValue(vmi.VmiId, out var old) && old == vmi)
        {
            return;
        }

        state.State.Gone.Remove(vmi.VmiId);
        state.State.Vmis[vmi.VmiId] = vmi;
        await WriteAsync();
    }

    public async Task RemoveAsync(string vmiId)
    {
        if (state.State.Vmis.Remove(vmiId) | state.State.Gone.Add(vmiId))
        {
            await WriteAsync();
        }
    }

    private async Task WriteAsync()
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }
    }

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
