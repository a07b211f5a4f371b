using VmiGrains.Domain.Network;

namespace VmiGrains.Grains.Hosts;

/// <summary>
/// What the host did with a <c>shape_network</c>: <see cref="Side"/> that applies delay/jitter,
/// <see cref="Where"/> in words (for the decision), and <see cref="Problem"/> when something was not
/// applied (null: all of it was).
/// </summary>
[GenerateSerializer, Immutable, Alias("VmiGrains.ShapingResult")]
public sealed record ShapingResult(
    [property: Id(0)] ShapingSide Side,
    [property: Id(1)] string Where,
    [property: Id(2)] string? Problem);
