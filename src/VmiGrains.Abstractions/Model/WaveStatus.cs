namespace VmiGrains.Abstractions.Model;

/// <summary>Where one wave of a rollout is.</summary>
public enum WaveStatus
{
    /// <summary>Not started.</summary>
    Pending,

    /// <summary>Its VMIs are being switched.</summary>
    Applying,

    /// <summary>Switched; the health gate is evaluated when the soak period ends.</summary>
    Soaking,

    /// <summary>The gate passed (or an operator resumed past a failed one).</summary>
    Passed,

    /// <summary>The gate failed.</summary>
    Failed,

    /// <summary>Its VMIs went back to their previous versions.</summary>
    RolledBack,
}
