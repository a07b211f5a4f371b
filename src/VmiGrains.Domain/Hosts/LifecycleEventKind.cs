namespace VmiGrains.Domain.Hosts;

/// <summary>A VMI lifecycle change (libvirt's <c>virDomainEventType</c> order).</summary>
public enum LifecycleEventKind
{
    /// <summary>Defined or its definition updated.</summary>
    Defined = 0,

    /// <summary>Undefined (removed).</summary>
    Undefined = 1,

    /// <summary>Started.</summary>
    Started = 2,

    /// <summary>Suspended (paused).</summary>
    Suspended = 3,

    /// <summary>Resumed.</summary>
    Resumed = 4,

    /// <summary>Stopped (shut off, destroyed, crashed to off).</summary>
    Stopped = 5,

    /// <summary>Guest shutdown sequence.</summary>
    Shutdown = 6,

    /// <summary>Suspended by guest power management.</summary>
    PowerManagementSuspended = 7,

    /// <summary>Crashed.</summary>
    Crashed = 8,

    /// <summary>The guest agent connected (the guest booted far enough, or its channel reconnected).</summary>
    AgentConnected = 100,

    /// <summary>The guest agent disconnected.</summary>
    AgentDisconnected = 101,
}
