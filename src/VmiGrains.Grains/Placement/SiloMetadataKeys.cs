namespace VmiGrains.Grains.Placement;

/// <summary>Silo metadata VmiGrains publishes.</summary>
public static class SiloMetadataKeys
{
    /// <summary>The hypervisor hosts a silo manages, separated by <see cref="HostSeparator"/> (its own first); absent on control-plane silos.</summary>
    public const string Host = "vmigrains.host";

    /// <summary>Separates host names in <see cref="Host"/> (host names never contain it).</summary>
    public const string HostSeparator = ",";
}
