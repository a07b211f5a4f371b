namespace VmiGrains.Domain.Hosts;

/// <summary>Bandwidth for one interface, identified by MAC.</summary>
/// <param name="Mac">MAC address of the interface.</param>
/// <param name="Inbound">Limit on traffic towards the guest.</param>
/// <param name="Outbound">Limit on traffic from the guest.</param>
public sealed record InterfaceBandwidth(string Mac, BandwidthLimit Inbound, BandwidthLimit Outbound);
