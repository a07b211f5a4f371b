namespace VmiGrains.Domain.Network;

/// <summary>A VMI that exists on this host and its tap interfaces (from the domain XML's <c>&lt;target dev&gt;</c>).</summary>
[GenerateSerializer, Immutable, Alias("VmiGrains.VmiInterfaces")]
public sealed record VmiInterfaces([property: Id(0)] string VmiId, [property: Id(1)] IReadOnlyList<string> Taps);
