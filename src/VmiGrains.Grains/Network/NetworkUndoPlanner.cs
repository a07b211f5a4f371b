using VmiGrains.Domain.Network;

namespace VmiGrains.Grains.Network;

/// <summary>Builds the undo record of a change before it is made, for the grain to persist first.</summary>
public static class NetworkUndoPlanner
{
    /// <summary>Undo of shaping with a ttl: due at <paramref name="now"/> + <paramref name="ttl"/> (null ttl: until undone).</summary>
    public static ShapingUndo ForShaping(string vmiId, IReadOnlyList<string> taps, ShapingSpec? previous, DateTimeOffset now, TimeSpan? ttl) =>
        new(vmiId, taps, previous, ttl is { } t ? now + t : null);
}
