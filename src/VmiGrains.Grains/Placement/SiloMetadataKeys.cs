namespace VmiGrains.Grains.Placement;

/// <summary>Silo metadata VmiGrains publishes.</summary>
public static class SiloMetadataKeys
{
    /// <summary>The hypervisor host a silo manages; absent on control-plane silos.</summary>
    public const string Host = "vmigrains.host";
}
