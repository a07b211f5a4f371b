namespace VmiGrains.Grains;

/// <summary>Grain storage provider names; each can be mapped to its own backend in configuration.</summary>
public static class StorageNames
{
    /// <summary>Profiles, the catalog and the fleet view.</summary>
    public const string Profiles = "profiles";

    /// <summary>VMI state: assignments, decisions, undo records.</summary>
    public const string Vmis = "vmis";

    /// <summary>Hypervisor hosts: claims and last applied allocations.</summary>
    public const string Hosts = "hosts";
}
