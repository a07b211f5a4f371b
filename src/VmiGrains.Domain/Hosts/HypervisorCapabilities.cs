namespace VmiGrains.Domain.Hosts;

/// <summary>
/// What the connected hypervisor driver supports, as far as it can be known before trying. Knobs that
/// a driver accepts but ignores (the test driver's CPU weight) are only found by read-back on apply and
/// are then reported here too.
/// </summary>
/// <param name="DriverType">The driver's name (<c>QEMU</c>, <c>TEST</c>, ...).</param>
/// <param name="CpuWeight">CPU weight is enforced (false once a read-back showed it ignored).</param>
/// <param name="NetworkFilter">Host network filters (nwfilter) are available.</param>
/// <param name="GuestAgent">The hypervisor can pass commands to a guest agent.</param>
public sealed record HypervisorCapabilities(string DriverType, bool CpuWeight, bool NetworkFilter, bool GuestAgent);
