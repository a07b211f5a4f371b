namespace VmiGrains.Grains.Hosts;

/// <summary>This silo's hypervisor host and how it is managed (section <c>VmiGrains:Host</c>).</summary>
public sealed class HostManagementOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "VmiGrains:Host";

    /// <summary>The host this silo manages; empty for a control-plane silo without a hypervisor.</summary>
    public string? Name { get; set; }

    /// <summary>
    /// Further hosts this silo manages, host name → libvirt URI (e.g. <c>qemu+tls://hv-07/system</c>, or
    /// <c>test:///PATH.xml</c>): a control silo for hypervisors without a silo of their own. Their
    /// allocations, knobs, statistics and guest agents go through libvirt; network policy and shaping
    /// (nftables, tc) are enforced only on the silo's own host (<see cref="Name"/>, which must be set).
    /// </summary>
    public Dictionary<string, string> Additional { get; set; } = new(StringComparer.Ordinal);

    /// <summary>How often libvirt statistics are polled and sent to the VMIs; zero turns polling off.</summary>
    public TimeSpan StatsInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often the host re-plans allocations even without new claims.</summary>
    public TimeSpan RebalanceInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often knobs are read back and drift is corrected.</summary>
    public TimeSpan ReconcileInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How often the host lists its domains again and registers each with its VMI, besides at activation
    /// and on libvirt's lifecycle events: a registration lost to a busy storage or a missed event is
    /// retried then (default 60 s).
    /// </summary>
    public TimeSpan DiscoveryInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How often the host wakes VMIs whose temporary changes (a rule's <c>ttl</c>) expired, whether or not their
    /// grain is active (default 1 s; a VMI still due is woken again every 5 sweeps). The bound on how late an
    /// expiry is undone while the host's silo is up.
    /// </summary>
    public TimeSpan UndoSweepInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Smallest memory target given to a VMI, in MiB.</summary>
    public int MemoryFloorMiB { get; set; } = 256;

    /// <summary>A share must move this much (absolute; for memory and network relative to the VMI's maximum) to be applied.</summary>
    public double AbsoluteThreshold { get; set; } = 0.02;

    /// <summary>…and this fraction of its current value.</summary>
    public double RelativeThreshold { get; set; } = 0.10;

    /// <summary>A VMI's resource is left alone this long after a change (unless a profile changed).</summary>
    public TimeSpan Cooldown { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The allocation policy's settings (section <c>VmiGrains:Host:Allocation</c>: pressure thresholds,
    /// hysteresis, probing, balloon step, change budget, dwell); its damping comes from
    /// <see cref="AbsoluteThreshold"/>, <see cref="RelativeThreshold"/> and <see cref="Cooldown"/>.
    /// </summary>
    public Domain.Allocation.WorkConservingOptions Allocation { get; set; } = new();

    /// <summary>The policy options these settings describe.</summary>
    internal Domain.Allocation.WorkConservingOptions ToPolicyOptions() => Allocation with
    {
        Damping = new Domain.Allocation.DampingOptions { AbsoluteThreshold = AbsoluteThreshold, RelativeThreshold = RelativeThreshold, Cooldown = Cooldown },
    };
}
