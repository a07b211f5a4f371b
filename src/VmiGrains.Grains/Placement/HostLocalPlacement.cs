namespace VmiGrains.Grains.Placement;

/// <summary>
/// Places a grain keyed by a host name on the silo that runs on that host (the silo whose metadata
/// <see cref="SiloMetadataKeys.Host"/> equals the key), and nowhere else.
/// </summary>
[GenerateSerializer, Immutable, Alias("VmiGrains.HostLocalPlacement")]
public sealed class HostLocalPlacement : PlacementStrategy
{
    internal static readonly HostLocalPlacement Instance = new();
}
