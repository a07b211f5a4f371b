using VmiGrains.Domain.Network;

namespace VmiGrains.Grains.Hosts;

/// <summary>A VMI's <c>shape_network</c> as the host enforces it: the spec, and where its delay and jitter run.</summary>
[GenerateSerializer, Immutable, Alias("VmiGrains.HostShapingRecord")]
public sealed record HostShapingRecord([property: Id(0)] ShapingSpec Spec, [property: Id(1)] ShapingSide Side);
