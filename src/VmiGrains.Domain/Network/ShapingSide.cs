namespace VmiGrains.Domain.Network;

/// <summary>Where a VMI's simulated delay and jitter are applied.</summary>
public enum ShapingSide
{
    /// <summary>On the host: netem on the VMI's taps (traffic to the VMI).</summary>
    Host = 0,

    /// <summary>Inside the guest through the agent: netem on the guest's NIC (traffic from the VMI); the host kernel has no netem.</summary>
    Guest = 1,
}
