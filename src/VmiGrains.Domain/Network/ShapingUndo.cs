namespace VmiGrains.Domain.Network;

/// <summary>
/// Undo of simulated network conditions: restore <see cref="Previous"/>, or clear shaping when
/// there was none. <see cref="ExpiresAt"/> is when the grain must run it (the action's ttl).
/// </summary>
/// <param name="VmiId">The VMI.</param>
/// <param name="Taps">Its taps.</param>
/// <param name="Previous">The shaping in force before, or null.</param>
/// <param name="ExpiresAt">When the change ends by itself, or null for "until undone".</param>
[GenerateSerializer, Immutable, Alias("VmiGrains.ShapingUndo")]
public sealed record ShapingUndo(
    string VmiId,
    IReadOnlyList<string> Taps,
    [property: Id(0)] ShapingSpec? Previous,
    [property: Id(1)] DateTimeOffset? ExpiresAt) : NetworkUndo(VmiId, Taps);
