using System.Diagnostics;
using VmiGrains.Domain.Hosts;

namespace VmiGrains.Grains.Diagnostics;

/// <summary>Times every call of the <see cref="IHypervisor"/> it wraps into <see cref="VmiGrainsMetrics.LibvirtDuration"/>.</summary>
internal sealed class MeteredHypervisor(IHypervisor inner) : IHypervisor
{
    public Task<HostCapacity> GetCapacityAsync(CancellationToken cancellationToken = default) =>
        TimeAsync("get_capacity", () => inner.GetCapacityAsync(cancellationToken));

    public Task<HypervisorCapabilities> GetCapabilitiesAsync(CancellationToken cancellationToken = default) =>
        TimeAsync("get_capabilities", () => inner.GetCapabilitiesAsync(cancellationToken));

    public Task<IReadOnlyList<VmiDescriptor>> ListDomainsAsync(CancellationToken cancellationToken = default) =>
        TimeAsync("list_domains", () => inner.ListDomainsAsync(cancellationToken));

    public Task<VmiDescriptor?> GetDomainAsync(Guid uuid, CancellationToken cancellationToken = default) =>
        TimeAsync("get_domain", () => inner.GetDomainAsync(uuid, cancellationToken));

    public Task<KnobSet?> ReadKnobsAsync(Guid uuid, CancellationToken cancellationToken = default) =>
        TimeAsync("read_knobs", () => inner.ReadKnobsAsync(uuid, cancellationToken));

    public Task<IReadOnlyList<KnobResult>> ApplyAsync(Guid uuid, KnobSet knobs, CancellationToken cancellationToken = default) =>
        TimeAsync("apply", () => inner.ApplyAsync(uuid, knobs, cancellationToken));

    public Task<IReadOnlyList<DomainStatsSample>> SampleAllAsync(CancellationToken cancellationToken = default) =>
        TimeAsync("sample_all", () => inner.SampleAllAsync(cancellationToken));

    public Task<DomainStatsSample?> SampleAsync(Guid uuid, CancellationToken cancellationToken = default) =>
        TimeAsync("sample", () => inner.SampleAsync(uuid, cancellationToken));

    public IAsyncEnumerable<LifecycleEvent> WatchLifecycleAsync(CancellationToken cancellationToken = default) =>
        inner.WatchLifecycleAsync(cancellationToken);

    public Task<GuestAgentReply> GuestAgentCommandAsync(Guid uuid, string commandJson, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        TimeAsync("guest_agent", () => inner.GuestAgentCommandAsync(uuid, commandJson, timeout, cancellationToken));

    public Task<NetworkFilterResult> SetNetworkFilterAsync(Guid uuid, string filterName, string? filterXml, CancellationToken cancellationToken = default) =>
        TimeAsync("network_filter", () => inner.SetNetworkFilterAsync(uuid, filterName, filterXml, cancellationToken));

    private static async Task<T> TimeAsync<T>(string operation, Func<Task<T>> call)
    {
        // Started before the call: the libvirt binding does much of its work synchronously.
        var start = Stopwatch.GetTimestamp();
        try
        {
            var result = await call().ConfigureAwait(false);
            VmiGrainsMetrics.RecordLibvirt(operation, start, ok: true);
            return result;
        }
        catch
        {
            VmiGrainsMetrics.RecordLibvirt(operation, start, ok: false);
            throw;
        }
    }
}
