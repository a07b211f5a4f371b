namespace VmiGrains.Grains.Vmis;

/// <summary>The VMI's domain was undefined from <paramref name="Host"/> at <paramref name="At"/>.</summary>
[GenerateSerializer, Immutable, Alias("VmiGrains.VmiAbsence")]
public sealed record VmiAbsence([property: Id(0)] string Host, [property: Id(1)] DateTimeOffset At);
