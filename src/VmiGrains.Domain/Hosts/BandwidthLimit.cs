namespace VmiGrains.Domain.Hosts;

/// <summary>A traffic limit in libvirt's units (KiB/s and KiB); every value is at least 1.</summary>
/// <param name="AverageKiBps">Long-term average rate in KiB/s.</param>
/// <param name="PeakKiBps">Maximum rate in KiB/s while bursting.</param>
/// <param name="BurstKiB">Amount that may be sent at peak rate, in KiB.</param>
public sealed record BandwidthLimit(uint AverageKiBps, uint PeakKiBps, uint BurstKiB);
