namespace VmiGrains.Domain.Hosts;

/// <summary>What happened to one knob of a knob set.</summary>
public enum KnobOutcome
{
    /// <summary>Set, and reads back as asked.</summary>
    Applied = 0,

    /// <summary>The connected hypervisor does not support or ignores this knob; nothing was changed.</summary>
    Unsupported = 1,

    /// <summary>The hypervisor rejected the value or the call failed.</summary>
    Failed = 2,

    /// <summary>Set and reads back as asked, but this host ignores it (e.g. a blkio weight on a device not scheduled by bfq).</summary>
    NoEffect = 3,
}
