using VmiGrains.Abstractions.Grains;
using VmiGrains.Abstractions.Model;
using VmiGrains.Abstractions.Validation;

namespace VmiGrains.Grains.Fleet;

/// <summary>
/// Cluster-wide lists for the CLI, REST API and dashboard. Reports arrive one-way from hosts and
/// VMIs; host availability is checked live when hosts are listed.
/// </summary>
internal sealed class FleetGrain(
    [PersistentState("fleet", StorageNames.Profiles)] IPersistentState<FleetState> state) : Grain, IFleetGrain
{
    private static readonly TimeSpan HostProbeTimeout = TimeSpan.FromSeconds(3);

    public Task ReportHostAsync(HostSummary host)
    {
        state.State.Hosts[host.Name] = host;
        return state.WriteStateAsync();
    }

    public Task ReportVmiAsync(VmiListItem vmi)
    {
        if (state.State.Vmis.TryGetValue(vmi.VmiId, out var old) && old == vmi)
        {
            return Task.CompletedTask;
        }

        state.State.Vmis[vmi.VmiId] = vmi;
        return state.WriteStateAsync();
    }

    public async Task<IReadOnlyList<HostSummary>> ListHostsAsync()
    {
        var hosts = state.State.Hosts.Values.OrderBy(h => h.Name, StringComparer.Ordinal).ToList();
        var probes = hosts.Select(ProbeAsync).ToList();
        return await Task.WhenAll(probes);
    }

    public Task<IReadOnlyList<VmiListItem>> ListVmisAsync(string? host = null, string? profileId = null) =>
        Task.FromResult<IReadOnlyList<VmiListItem>>(
            [.. state.State.Vmis.Values
                .Where(v => host is null || v.Host == host)
                .Where(v => profileId is null || v.ProfileId == profileId)
                .OrderBy(v => v.Host, StringComparer.Ordinal).ThenBy(v => v.Name, StringComparer.Ordinal)]);

    public Task<string?> ResolveAsync(string nameOrId)
    {
        if (state.State.Vmis.ContainsKey(nameOrId))
        {
            return Task.FromResult<string?>(nameOrId);
        }

        var byName = state.State.Vmis.Values.Where(v => v.Name == nameOrId).ToList();
        return Task.FromResult(byName.Count == 1 ? byName[0].VmiId : null);
    }

    private async Task<HostSummary> ProbeAsync(HostSummary known)
    {
        try
        {
            var live = await GrainFactory.GetGrain<IHypervisorGrain>(known.Name).GetSummaryAsync().WaitAsync(HostProbeTimeout);
            state.State.Hosts[known.Name] = live;
            return live;
        }
        catch (Exception ex) when (ex is HypervisorUnavailableException or TimeoutException or OrleansException)
        {
            return known with { Available = false };
        }
    }
}
