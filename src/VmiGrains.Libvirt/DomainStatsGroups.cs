namespace VmiGrains.Libvirt;

/// <summary><c>virDomainStatsTypes</c> flags for <c>virConnectGetAllDomainStats</c>.</summary>
[Flags]
internal enum DomainStatsGroups : uint
{
    /// <summary>Every group the driver supports.</summary>
    All = 0,
    State = 1 << 0,
    CpuTotal = 1 << 1,
    Balloon = 1 << 2,
    Vcpu = 1 << 3,
    Interface = 1 << 4,
    Block = 1 << 5,
}
