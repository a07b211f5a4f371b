namespace VmiGrains.Domain.Hosts;

/// <summary>
/// One hypervisor host as the grains see it: discovery, capacity, knobs, statistics and lifecycle
/// events, in domain types only. Implementations are thread-safe. Expected gaps (a knob the driver
/// lacks, no guest agent) are results; a failing hypervisor throws <see cref="HypervisorException"/>.
/// </summary>
public interface IHypervisor
{
    /// <summary>What the host can hand out.</summary>
    Task<HostCapacity> GetCapacityAsync(CancellationToken cancellationToken = default);

    /// <summary>What the connected driver supports.</summary>
    Task<HypervisorCapabilities> GetCapabilitiesAsync(CancellationToken cancellationToken = default);

    /// <summary>Every VMI defined on the host, running or not.</summary>
    Task<IReadOnlyList<VmiDescriptor>> ListDomainsAsync(CancellationToken cancellationToken = default);

    /// <summary>One VMI, or <see langword="null"/> when the host has no domain with <paramref name="uuid"/>.</summary>
    Task<VmiDescriptor?> GetDomainAsync(Guid uuid, CancellationToken cancellationToken = default);

    /// <summary>
    /// The knobs as the hypervisor reports them now (bandwidth for every interface); knobs it cannot
    /// read are <see langword="null"/>. <see langword="null"/> when the domain does not exist.
    /// </summary>
    Task<KnobSet?> ReadKnobsAsync(Guid uuid, CancellationToken cancellationToken = default);

    /// <summary>
    /// Applies every set knob of <paramref name="knobs"/> (pass <c>desired.Diff(lastApplied)</c> to apply a
    /// diff) and reports each one: applied (read back as asked), unsupported, or failed with the
    /// hypervisor's message. One knob failing does not stop the others. An unknown domain fails every knob.
    /// </summary>
    Task<IReadOnlyList<KnobResult>> ApplyAsync(Guid uuid, KnobSet knobs, CancellationToken cancellationToken = default);

    /// <summary>
    /// A sample of every domain on the host: the all-domain statistics call, completed per running
    /// domain with interface, block and memory statistics where the driver's bulk call lacks them.
    /// </summary>
    Task<IReadOnlyList<DomainStatsSample>> SampleAllAsync(CancellationToken cancellationToken = default);

    /// <summary>A sample of one domain, or <see langword="null"/> when it does not exist.</summary>
    Task<DomainStatsSample?> SampleAsync(Guid uuid, CancellationToken cancellationToken = default);

    /// <summary>
    /// Lifecycle events of every domain from the moment of the call until <paramref name="cancellationToken"/>
    /// is cancelled. Each enumeration is its own subscription.
    /// </summary>
    IAsyncEnumerable<LifecycleEvent> WatchLifecycleAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Defines the hypervisor-side network filter <paramref name="filterName"/> from <paramref name="filterXml"/>
    /// and references it from every interface of the domain, live and in its persistent definition; with
    /// <paramref name="filterXml"/> null, drops the reference and undefines the filter. Unsupported when
    /// the driver has no network filters.
    /// </summary>
    Task<NetworkFilterResult> SetNetworkFilterAsync(Guid uuid, string filterName, string? filterXml, CancellationToken cancellationToken = default);

    /// <summary>
    /// Passes one guest-agent JSON command (<c>{"execute":...}</c>) through the hypervisor and returns the reply.
    /// Unsupported when the driver has no agent path.
    /// </summary>
    Task<GuestAgentReply> GuestAgentCommandAsync(Guid uuid, string commandJson, TimeSpan timeout, CancellationToken cancellationToken = default);
}
