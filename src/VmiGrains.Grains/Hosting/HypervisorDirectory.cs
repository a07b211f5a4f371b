using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using VmiGrains.Domain.Hosts;
using VmiGrains.Grains.Hosts;
using VmiGrains.Libvirt.Hypervisor;

namespace VmiGrains.Grains.Hosting;

/// <summary>
/// The silo's own host (<c>VmiGrains:Host:Name</c>, served by the registered <see cref="IHypervisor"/>)
/// and the further hosts of <c>VmiGrains:Host:Additional</c>, each on its own libvirt connection with
/// the silo's hypervisor settings and that host's URI. Connections open on first use.
/// </summary>
internal sealed class HypervisorDirectory : IHypervisorDirectory, IDisposable
{
    private readonly string? _local;
    private readonly IHypervisor _own;
    private readonly Dictionary<string, IHypervisor> _hosts = new(StringComparer.Ordinal);
    private readonly List<LibvirtHypervisor> _created = [];
    private readonly ConcurrentDictionary<Guid, string> _domains = new();

    public HypervisorDirectory(IHypervisor own, IOptions<HostManagementOptions> hosts, IOptions<LibvirtHypervisorOptions> libvirt,
        ILogger<LibvirtHypervisor> logger, TimeProvider time)
    {
        _own = own;
        _local = string.IsNullOrEmpty(hosts.Value.Name) ? null : hosts.Value.Name;
        if (_local is null)
        {
            Hosts = [];
            return;
        }

        _hosts[_local] = own;
        foreach (var (name, uri) in hosts.Value.Additional.OrderBy(h => h.Key, StringComparer.Ordinal))
        {
            var hypervisor = new LibvirtHypervisor(For(libvirt.Value, name, uri), logger, time);
            _created.Add(hypervisor);
            _hosts[name] = new Diagnostics.MeteredHypervisor(hypervisor);
        }

        Hosts = [.. _hosts.Keys];
    }

    public IReadOnlyList<string> Hosts { get; }

    public IHypervisor? Find(string host) => _hosts.GetValueOrDefault(host);

    public bool IsLocal(string host) => string.Equals(host, _local, StringComparison.Ordinal);

    public void Track(Guid uuid, string host) => _domains[uuid] = host;

    public IHypervisor? ForDomain(Guid uuid) =>
        _domains.TryGetValue(uuid, out var host) && Find(host) is { } hypervisor ? hypervisor : _local is null ? null : _own;

    public void Dispose()
    {
        foreach (var hypervisor in _created)
        {
            hypervisor.Dispose();
        }
    }

    private static LibvirtHypervisorOptions For(LibvirtHypervisorOptions own, string name, string uri) => new()
    {
        Uri = uri,
        HostName = name,
        ReadOnly = own.ReadOnly,
        NetworkKiBps = own.NetworkKiBps,
        CpuWeightScale = own.CpuWeightScale,
    };
}
