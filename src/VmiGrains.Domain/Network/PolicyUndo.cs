using VmiGrains.Abstractions.Profiles;

namespace VmiGrains.Domain.Network;

/// <summary>Undo of a policy change: re-apply <see cref="Previous"/>, or remove the VMI's policy when it had none.</summary>
/// <param name="VmiId">The VMI.</param>
/// <param name="Taps">Its taps.</param>
/// <param name="Previous">The policy in force before the change, or null.</param>
[GenerateSerializer, Immutable, Alias("VmiGrains.PolicyUndo")]
public sealed record PolicyUndo(string VmiId, IReadOnlyList<string> Taps, [property: Id(0)] NetworkPolicy? Previous)
    : NetworkUndo(VmiId, Taps);
