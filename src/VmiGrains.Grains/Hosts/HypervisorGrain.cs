using Microsoft.Extensions.Options;
using VmiGrains.Abstractions.Grains;
using VmiGrains.Abstractions.Model;
using VmiGrains.Domain.Allocation;
using VmiGrains.Domain.Guests;
using VmiGrains.Domain.Hosts;
using VmiGrains.Grains.Fleet;
using VmiGrains.Grains.Network;
using VmiGrains.Grains.Vmis;
using VmiGrains.Grains.Placement;

namespace VmiGrains.Grains.Hosts;

/// <summary>
/// One hypervisor host, active only on the silo that manages it (<see cref="HostLocalPlacement"/>). It owns
/// the libvirt connection through <see cref="IHypervisor"/>, discovers the host's domains, polls
/// their statistics for the VMIs, and rebalances: it feeds <see cref="WorkConservingPolicy"/> the
/// VMIs' measured use and applies the knobs of what the policy changed, as diffs.
/// It never waits on a VMI grain (all calls to VMIs are one-way), so VMIs can wait on it.
/// Partial files: Claims (group commit), Rebalance, Timers, Network, Guest, Log.
/// </summary>
[HostLocalPlacement]
internal sealed partial class HypervisorGrain(
    [PersistentState("host", StorageNames.Hosts)] IPersistentState<HostState> state,
    IHypervisorDirectory hypervisors,
    IGuestAgentFactory agents,
    INetworkEnforcer network,
    IOptions<HostManagementOptions> options,
    TimeProvider time,
    ILogger<HypervisorGrain> logger) : Grain, IHypervisorGrain, IHypervisorClusterGrain
{
    private readonly Dictionary<string, VmiDescriptor> _domains = new(StringComparer.Ordinal);

    /// <summary>VMIs whose left-out labels were logged by this activation (once each, not every refresh).</summary>
    private readonly HashSet<string> _labelsWarned = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IVmiClusterGrain> _vmiGrains = new(StringComparer.Ordinal);
    private HostCapacity _capacity = null!;
    private HypervisorCapabilities _capabilities = null!;
    private IHypervisor _hypervisor = null!;

    private readonly WorkConservingOptions _policy = options.Value.ToPolicyOptions();

    private string HostName => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Placement guarantees this; a miss means the silos' host settings disagree.
        _hypervisor = hypervisors.Find(HostName) ?? throw new InvalidOperationException(
            $"HypervisorGrain '{HostName}' activated on a silo that does not manage it (it manages: {string.Join(", ", hypervisors.Hosts)})");

        _capacity = await _hypervisor.GetCapacityAsync(cancellationToken);
        _capabilities = await _hypervisor.GetCapabilitiesAsync(cancellationToken);
        await RefreshDomainsAsync(cancellationToken);
        await ReconcileNetworkAsync(afterRestart: true);
        _activatedAt = time.GetUtcNow();
        StartTimers();
        LogActivated(HostName, _capacity.LogicalCpus, _capacity.MemoryKiB / 1024, _domains.Count, _capabilities.DriverType);
    }

    public Task<IReadOnlyList<string>> DiscoverAsync() => ExclusiveAsync<IReadOnlyList<string>>(async () =>
    {
        await RefreshDomainsAsync(CancellationToken.None);
        return [.. _domains.Keys.Order(StringComparer.Ordinal)];
    });

    public Task<HostSummary> GetSummaryAsync() => Task.FromResult(Summary());

    public Task RemoveClaimAsync(string vmiId) => JoinNextGroupAsync(group => group.Remove(vmiId, $"VMI {vmiId} detached"));

    /// <summary>Forgets a detached VMI's claim and what was applied for it; true when it had one.</summary>
    private bool ForgetClaim(string vmiId)
    {
        if (!(state.State.Claims.Remove(vmiId) | state.State.Allocations.Remove(vmiId)))
        {
            return false;
        }

        _applied.Remove(vmiId);
        _noEffect.Remove(vmiId);
        _deferralTold.Remove(vmiId);
        _vmiGrains.Remove(vmiId);
        ForgetBandwidth(vmiId);
        return true;
    }

    public Task<IReadOnlyDictionary<string, Allocation>> GetAllocationsAsync() =>
        Task.FromResult<IReadOnlyDictionary<string, Allocation>>(new Dictionary<string, Allocation>(state.State.Allocations, StringComparer.Ordinal));

    /// <summary>
    /// The grain reference of a VMI on this host, made once: <c>GetGrain</c> resolves the interface
    /// type through reflection on every call, which was 3 % of a fleet rollout's CPU when a re-plan
    /// notified each of the host's VMIs.
    /// </summary>
    private IVmiClusterGrain Vmi(string vmiId)
    {
        if (!_vmiGrains.TryGetValue(vmiId, out var grain))
        {
            _vmiGrains[vmiId] = grain = GrainFactory.GetGrain<IVmiClusterGrain>(vmiId);
        }

        return grain;
    }

    private HostSummary Summary() => new(
        HostName,
        Available: true,
        _capacity.LogicalCpus,
        _capacity.MemoryKiB,
        _domains.Count,
        UnsupportedKnobs(),
        state.State.LastRebalance,
        state.State.Rebalances,
        _next.Claims.Count,
        [.. _noEffect.Values.SelectMany(k => k.Keys).Select(KnobName).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)])
    {
        BandwidthEnforcement = BandwidthMechanisms(),
        IdentityConflicts = IdentityConflicts(),
    };

    /// <summary>What the driver cannot do: detected at activation (CPU weight) or refused while applying (e.g. interface bandwidth).</summary>
    private List<string> UnsupportedKnobs() =>
    [
        .. _unsupported.Values.SelectMany(knobs => knobs).Select(KnobName)
            .Concat(_capabilities.CpuWeight ? [] : ["cpu_weight"])
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal),
    ];

    private async Task RefreshDomainsAsync(CancellationToken cancellationToken)
    {
        var domains = await _hypervisor.ListDomainsAsync(cancellationToken);
        var knownBefore = _domains.Keys.Concat(state.State.Claims.Keys).ToList();
        _domains.Clear();
        var registrations = new List<Task>(domains.Count);
        foreach (var d in domains)
        {
            var id = d.Uuid.ToString();
            _domains[id] = d;
            hypervisors.Track(d.Uuid, HostName);
            registrations.Add(GrainFactory.GetGrain<IVmiClusterGrain>(id).RegisterAsync(new VmiRegistration(
                id, d.Name, HostName, d.Vcpus, d.MaxMemoryKiB, [.. d.Interfaces.Select(i => i.Mac)], d.GuestAgentSocketPath, d.Labels)));
            if (d.DroppedLabels.Count > 0 && _labelsWarned.Add(id))
            {
                LogLabelsDropped(HostName, d.Name, string.Join("; ", d.DroppedLabels));
            }
        }

        ObserveRegistrationsAsync(registrations).Ignore();

        var gone = state.State.Claims.Keys.Where(k => !_domains.ContainsKey(k)).ToList();
        foreach (var id in gone)
        {
            ForgetClaim(id);
        }

        if (gone.Count > 0)
        {
            await state.WriteStateAsync(cancellationToken);
        }

        ReportGone(knownBefore);
        GrainFactory.GetGrain<IFleetClusterGrain>(GrainKeys.Default).ReportHostAsync(Summary()).Ignore();
    }

    /// <summary>The discovery timer: a host whose libvirt does not answer is logged and tried again on the next turn.</summary>
    private async Task RediscoverAsync()
    {
        try
        {
            await RefreshDomainsAsync(CancellationToken.None);
        }
        catch (HypervisorException ex)
        {
            LogDiscoveryFailed(HostName, ex.Message, options.Value.DiscoveryInterval);
        }
    }

    /// <summary>
    /// Registrations run in parallel and are not awaited by discovery; the ones that failed (e.g. a VMI's
    /// storage write timed out) are logged, and the next discovery registers them again.
    /// </summary>
    private async Task ObserveRegistrationsAsync(List<Task> registrations)
    {
        await Task.WhenAny(Task.WhenAll(registrations)); // completes without throwing; the failures are read below
        var failed = registrations.Where(t => t.IsFaulted).ToList();
        if (failed.Count > 0)
        {
            LogRegistrationsFailed(HostName, failed.Count, registrations.Count, failed[0].Exception!.InnerException?.Message ?? "unknown", options.Value.DiscoveryInterval);
        }
    }
}
