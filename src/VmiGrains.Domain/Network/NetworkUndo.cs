namespace VmiGrains.Domain.Network;

/// <summary>
/// How to undo one network change on a host, recorded durably (in the VMI grain's state) before
/// the change is applied, and executed by <c>INetworkEnforcer.UndoAsync</c> on expiry, profile
/// switch, detach, or re-activation after a crash. Undoing twice is harmless.
/// </summary>
/// <param name="VmiId">The VMI the change belongs to.</param>
/// <param name="Taps">Its tap interfaces when the change was made.</param>
[GenerateSerializer, Immutable, Alias("VmiGrains.NetworkUndo")]
public abstract record NetworkUndo(
    [property: Id(0)] string VmiId,
    [property: Id(1)] IReadOnlyList<string> Taps);
