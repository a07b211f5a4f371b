namespace VmiGrains.Abstractions.Model;

/// <summary>Where a rollout is.</summary>
public enum RolloutStatus
{
    /// <summary>Moving VMIs wave by wave, or soaking a wave.</summary>
    Running,

    /// <summary>Stopped by an operator or a failed gate; <c>resume</c> continues, <c>rollback</c> goes back.</summary>
    Paused,

    /// <summary>Moving the done waves' VMIs back to the versions they had.</summary>
    RollingBack,

    /// <summary>Every selected VMI is on the target version.</summary>
    Completed,

    /// <summary>Stopped for good; VMIs stay on the version they are on.</summary>
    Aborted,

    /// <summary>Every VMI the rollout moved is back on its previous version.</summary>
    RolledBack,
}
