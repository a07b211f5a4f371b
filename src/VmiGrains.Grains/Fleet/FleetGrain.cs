using VmiGrains.Abstractions.Grains;
using VmiGrains.Abstractions.Model;
using VmiGrains.Abstractions.Validation;

namespace VmiGrains.Grains.Fleet;

/// <summary>
/// Cluster-wide lists for the CLI, REST API and dashboard. Hosts report here one-way and their
/// availability is checked live when hosts are listed; VMIs live in the sharded
/// <see cref="VmiIndex"/> (this grain once held them all, and rewrote them all on every report).
/// </summary>
internal sealed class FleetGrain(
    [PersistentState("fleet", StorageNames.Profiles)] IPersistentState<FleetState> state) : Grain, IFleetGrain, IFleetClusterGrain
{
    private static readonly TimeSpan HostProbeTimeout = TimeSpan.FromSeconds(3);

    /// <summary>How long host reports are gathered before one state write takes them all.</summary>
    private static readonly TimeSpan HostWriteDelay = TimeSpan.FromSeconds(1);

    private IGrainTimer? _hostWrite;
    private bool _hostsDirty;

    /// <summary>
    /// Keeps the summary and writes the host list at most once per <see cref="HostWriteDelay"/>: every host reports
    /// after each discovery, and 1,000 hosts each rewriting a 1,000-entry list was 1,000,000 summaries serialised per
    /// discovery round (a profile of a 100,000-VMI silo, 2026-12-04). The list is read from memory; a crash loses at
    /// most that second of reports, which the hosts send again at their next discovery.
    /// </summary>
    public Task ReportHostAsync(HostSummary host)
    {
        ArgumentNullException.ThrowIfNull(host);
        state.State.Hosts[host.Name] = host;
        if (!_hostsDirty)
        {
            _hostsDirty = true;
            _hostWrite ??= this.RegisterGrainTimer(static (self, ct) => self.WriteHostsAsync(), this,
                new GrainTimerCreationOptions { DueTime = Timeout.InfiniteTimeSpan, Period = Timeout.InfiniteTimeSpan, Interleave = false });
            _hostWrite.Change(HostWriteDelay, Timeout.InfiniteTimeSpan);
        }

        return Task.CompletedTask;
    }

    private async Task WriteHostsAsync()
    {
        if (_hostsDirty)
        {
            _hostsDirty = false;
            try
            {
                await state.WriteStateAsync();
            }
            catch
            {
                _hostsDirty = true; // kept for the next try, a delay later (Orleans logs the timer's failure)
                _hostWrite?.Change(HostWriteDelay, Timeout.InfiniteTimeSpan);
                throw;
            }
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _hostWrite?.Dispose();
        await WriteHostsAsync();
    }

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Vmis.Count > 0)
        {
            // State written before the index existed: move the VMIs into their buckets, then forget them here.
            await Task.WhenAll(state.State.Vmis.Values.Select(v => VmiIndex.For(GrainFactory, v.VmiId).ReportAsync(v)));
            state.State.Vmis.Clear();
            await state.WriteStateAsync(cancellationToken);
        }
    }

    public Task ReportVmiAsync(VmiListItem vmi) => VmiIndex.For(GrainFactory, vmi.VmiId).ReportAsync(vmi);

    public async Task<IReadOnlyList<HostSummary>> ListHostsAsync()
    {
        var hosts = state.State.Hosts.Values.OrderBy(h => h.Name, StringComparer.Ordinal).ToList();
        var probes = hosts.Select(ProbeAsync).ToList();
        return await Task.WhenAll(probes);
    }

    public async Task<IReadOnlyList<VmiListItem>> ListVmisAsync(string? host = null, string? profileId = null) =>
        [.. (await VmiIndex.ListAsync(GrainFactory, host, profileId))
            .OrderBy(v => v.Host, StringComparer.Ordinal).ThenBy(v => v.Name, StringComparer.Ordinal)];

    public async Task<string?> ResolveAsync(string nameOrId)
    {
        ArgumentNullException.ThrowIfNull(nameOrId);
        // VMI ids are libvirt UUIDs in their lower-case form; virsh and other tools may print them in upper case.
        var id = Guid.TryParse(nameOrId, out var uuid) ? uuid.ToString() : nameOrId;
        // Listed, or gone (its domain was undefined: it left the fleet but stays reachable by UUID to show why).
        if (await VmiIndex.For(GrainFactory, id).KnowsAsync(id))
        {
            return id;
        }

        var byName = (await VmiIndex.ListAsync(GrainFactory)).Where(v => v.Name == nameOrId).ToList();
        return byName.Count == 1 ? byName[0].VmiId : null;
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
