namespace VmiGrains.Grains;

/// <summary>Keys of the singleton grains.</summary>
public static class CatalogKeys
{
    /// <summary>The one catalog and fleet view of a cluster.</summary>
    public const string Default = "default";
}
