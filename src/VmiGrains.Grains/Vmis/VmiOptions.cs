namespace VmiGrains.Grains.Vmis;

/// <summary>VMI grain settings (section <c>VmiGrains:Vmi</c>).</summary>
public sealed class VmiOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "VmiGrains:Vmi";

    /// <summary>
    /// How often telemetry windows are written to grain state when new samples arrived (a few KB per
    /// VMI); zero turns checkpoints off. Profiles, decisions and undo records are written at once, always.
    /// </summary>
    public TimeSpan WindowCheckpointInterval { get; set; } = TimeSpan.FromSeconds(60);
}
