namespace VmiGrains.Domain.Hosts;

/// <summary>The outcome of applying one knob.</summary>
/// <param name="Knob">Which knob.</param>
/// <param name="Target">The device the knob applies to (the MAC for bandwidth), otherwise <see langword="null"/>.</param>
/// <param name="Outcome">Applied, unsupported or failed.</param>
/// <param name="Message">Why it was unsupported, failed or has no effect; <see langword="null"/> when applied.</param>
public sealed record KnobResult(KnobKind Knob, string? Target, KnobOutcome Outcome, string? Message)
{
    /// <summary>A successful result.</summary>
    public static KnobResult Applied(KnobKind knob, string? target = null) => new(knob, target, KnobOutcome.Applied, null);

    /// <summary>An unsupported-knob result.</summary>
    public static KnobResult Unsupported(KnobKind knob, string? target, string message) => new(knob, target, KnobOutcome.Unsupported, message);

    /// <summary>Set, but without effect on this host (the message says why).</summary>
    public static KnobResult NoEffect(KnobKind knob, string? target, string message) => new(knob, target, KnobOutcome.NoEffect, message);

    /// <summary>A failed result.</summary>
    public static KnobResult Failed(KnobKind knob, string? target, string message) => new(knob, target, KnobOutcome.Failed, message);
}
