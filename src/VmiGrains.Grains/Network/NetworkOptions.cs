namespace VmiGrains.Grains.Network;

/// <summary>Host network enforcement (nftables policy, tc shaping); section <c>VmiGrains:Network</c>.</summary>
public sealed class NetworkOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "VmiGrains:Network";

    /// <summary>
    /// When false (the dev default), policies and shaping are accepted and logged but nothing is
    /// changed on the host. Hypervisor hosts set it to true.
    /// </summary>
    public bool Enabled { get; set; }

    /// <summary>Path of the nft binary.</summary>
    public string NftPath { get; set; } = "/usr/sbin/nft";

    /// <summary>Path of the tc binary.</summary>
    public string TcPath { get; set; } = "/usr/sbin/tc";

    /// <summary>Path of the ip binary (runs <see cref="NetworkNamespace"/>, creates the ifb devices that limit what VMIs send).</summary>
    public string IpPath { get; set; } = "/usr/sbin/ip";

    /// <summary>
    /// When set, every nft/tc command runs inside this network namespace
    /// (<c>ip netns exec NAME ...</c>). Tests use it so they never touch the host's ruleset.
    /// </summary>
    public string? NetworkNamespace { get; set; }

    /// <summary>
    /// How the VMIs' taps reach the network, which decides the nftables table: <c>bridge</c> (the
    /// default; taps are bridge ports, as with libvirt's bridge and network interfaces: table
    /// <c>bridge vmigrains</c>) or <c>routed</c> (the host routes each tap: table <c>inet vmigrains</c>).
    /// </summary>
    public string TapAttachment { get; set; } = TapAttachments.Bridge;

    /// <summary>
    /// Which mechanism enforces network policies: <c>nftables</c> (the default, VmiGrains' own table)
    /// or <c>nwfilter</c> (libvirt's network filters on the domain's interfaces; needs a libvirtd with
    /// the nwfilter driver and its ebtables/iptables tools on the host).
    /// </summary>
    public string PolicyBackend { get; set; } = PolicyBackends.Nftables;

    /// <summary>How long one nft/tc command may run before it is killed.</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(15);
}
