namespace VmiGrains.Domain.Hosts;

/// <summary>Run state of a VMI as the hypervisor reports it (libvirt's <c>virDomainState</c> order).</summary>
public enum DomainState
{
    /// <summary>No state reported.</summary>
    NoState = 0,

    /// <summary>Running.</summary>
    Running = 1,

    /// <summary>Blocked on a resource.</summary>
    Blocked = 2,

    /// <summary>Paused by the user or the hypervisor.</summary>
    Paused = 3,

    /// <summary>Being shut down.</summary>
    ShuttingDown = 4,

    /// <summary>Shut off (defined but not running).</summary>
    Shutoff = 5,

    /// <summary>Crashed.</summary>
    Crashed = 6,

    /// <summary>Suspended by guest power management.</summary>
    PowerManagementSuspended = 7,
}
