namespace VmiGrains.Domain.Hosts;

/// <summary>
/// The hypervisors one silo manages, by host name: its own host, and any further hosts it reaches
/// through their libvirt URIs. Thread-safe.
/// </summary>
public interface IHypervisorDirectory
{
    /// <summary>Every host this silo manages (empty on a control-plane silo).</summary>
    IReadOnlyList<string> Hosts { get; }

    /// <summary>The hypervisor of <paramref name="host"/>, or <see langword="null"/> when this silo does not manage it.</summary>
    IHypervisor? Find(string host);

    /// <summary>Whether <paramref name="host"/> is the machine this silo runs on (its taps, nftables and agent sockets are local).</summary>
    bool IsLocal(string host);

    /// <summary>Remembers which host runs the domain <paramref name="uuid"/> (hosts call this on discovery).</summary>
    void Track(Guid uuid, string host);

    /// <summary>The hypervisor that runs the domain <paramref name="uuid"/>, as last tracked; else this silo's own.</summary>
    IHypervisor? ForDomain(Guid uuid);
}
