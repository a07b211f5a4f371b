namespace VmiGrains.Domain.Hosts;

/// <summary>A disk of a VMI.</summary>
/// <param name="TargetDevice">Guest-visible target (<c>vda</c>), the key for block statistics.</param>
/// <param name="Source">Backing file or device, when present.</param>
public sealed record VmiDisk(string TargetDevice, string? Source);
