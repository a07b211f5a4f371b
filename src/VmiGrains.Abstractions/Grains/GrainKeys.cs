namespace VmiGrains.Abstractions.Grains;

/// <summary>Keys of the cluster's singleton grains (catalog and fleet).</summary>
public static class GrainKeys
{
    /// <summary>The one catalog and fleet view of a cluster.</summary>
    public const string Default = "default";
}
