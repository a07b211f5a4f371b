namespace VmiGrains.Grains.Network;

/// <summary>The values of <see cref="NetworkOptions.PolicyBackend"/>.</summary>
public static class PolicyBackends
{
    /// <summary>VmiGrains' own nftables table on the host (see <see cref="NetworkEnforcer"/>).</summary>
    public const string Nftables = "nftables";

    /// <summary>libvirt's network filters: a defined <c>&lt;filter&gt;</c> referenced by the domain's interfaces.</summary>
    public const string NwFilter = "nwfilter";

    /// <summary>Every valid value.</summary>
    public static IReadOnlyList<string> All { get; } = [Nftables, NwFilter];
}
