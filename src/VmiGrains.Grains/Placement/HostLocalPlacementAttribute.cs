using Orleans.Placement;

namespace VmiGrains.Grains.Placement;

/// <summary>Marks a grain class for <see cref="HostLocalPlacement"/>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class HostLocalPlacementAttribute() : PlacementAttribute(HostLocalPlacement.Instance);
