namespace VmiGrains.Abstractions.Profiles;

/// <summary>Named priority levels; see <see cref="PriorityLevels"/> for what each maps to.</summary>
public enum PriorityLevel
{
    /// <summary>nice 19, Windows Idle.</summary>
    Idle,

    /// <summary>nice 10, Windows BelowNormal.</summary>
    Low,

    /// <summary>nice 5, Windows BelowNormal.</summary>
    BelowNormal,

    /// <summary>nice 0, Windows Normal.</summary>
    Normal,

    /// <summary>nice -5, Windows AboveNormal.</summary>
    AboveNormal,

    /// <summary>nice -10, Windows High.</summary>
    High,
}
