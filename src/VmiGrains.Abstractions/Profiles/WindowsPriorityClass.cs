namespace VmiGrains.Abstractions.Profiles;

/// <summary>
/// Windows process priority classes VmiGrains uses (PowerShell <c>PriorityClass</c> names).
/// RealTime is never used: it can starve the guest's own kernel threads.
/// </summary>
public enum WindowsPriorityClass
{
    /// <summary>IDLE_PRIORITY_CLASS.</summary>
    Idle,

    /// <summary>BELOW_NORMAL_PRIORITY_CLASS.</summary>
    BelowNormal,

    /// <summary>NORMAL_PRIORITY_CLASS.</summary>
    Normal,

    /// <summary>ABOVE_NORMAL_PRIORITY_CLASS.</summary>
    AboveNormal,

    /// <summary>HIGH_PRIORITY_CLASS.</summary>
    High,
}
