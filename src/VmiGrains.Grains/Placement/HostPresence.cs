using Orleans.Runtime.MembershipService.SiloMetadata;

namespace VmiGrains.Grains.Placement;

/// <summary>
/// Whether a host's silo is in the cluster now: an active member whose metadata lists the host. It is
/// what placement of the host's grain needs, so it is also what <c>host_available</c> says — false as
/// soon as membership declares the host's silo dead, without a call to the host.
/// </summary>
public sealed class HostPresence(IClusterMembershipService membership, ISiloMetadataCache metadata)
{
    /// <summary>True when an active silo manages <paramref name="host"/>.</summary>
    public bool IsManaged(string host) =>
        membership.CurrentSnapshot.Members.Values.Any(m => m.Status == SiloStatus.Active && Manages(m.SiloAddress, host));

    /// <summary>True when <paramref name="silo"/>'s metadata lists <paramref name="host"/>.</summary>
    public bool Manages(SiloAddress silo, string host) =>
        metadata.GetSiloMetadata(silo).Metadata.TryGetValue(SiloMetadataKeys.Host, out var value)
        && value.Split(SiloMetadataKeys.HostSeparator).Contains(host, StringComparer.Ordinal);
}
