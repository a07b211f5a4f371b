namespace VmiGrains.GuestAgent.Transports;

/// <summary>Finds the libvirt agent channel of a VMI; implemented with the libvirt binding.</summary>
public interface IDomainAgentChannelProvider
{
    /// <summary>The channel of <paramref name="vmiId"/> (a libvirt domain UUID), or <c>null</c> when the host does not know it.</summary>
    IDomainAgentChannel? GetChannel(string vmiId);
}
