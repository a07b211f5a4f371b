namespace VmiGrains.Domain.Hosts;

/// <summary>A network interface of a VMI.</summary>
/// <param name="Mac">MAC address, lower case (the stable key: bandwidth is set by MAC).</param>
/// <param name="TargetDevice">Host-side device name (tap), when the hypervisor reports one.</param>
public sealed record VmiInterface(string Mac, string? TargetDevice);
