using VmiGrains.Abstractions.Profiles;

namespace VmiGrains.Grains.Vmis;

/// <summary>
/// A temporary change, persisted before it is applied so that it can be undone on expiry, on a
/// profile switch or detach, or when the grain re-activates after a crash.
/// <see cref="Kind"/> is one of <see cref="UndoKinds"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("VmiGrains.UndoRecord")]
public sealed record UndoRecord(
    [property: Id(0)] string Id,
    [property: Id(1)] string Kind,
    [property: Id(2)] string Description,
    [property: Id(3)] DateTimeOffset? ExpiresAt,
    [property: Id(4)] ResourceKind? Resource,
    [property: Id(5)] double? Value,
    [property: Id(6)] string Reason)
{
    /// <summary>For a scoped profile: the profile to go back to (null: none).</summary>
    [Id(7)] public string? PreviousProfileId { get; init; }

    /// <summary>For a scoped profile: the version to go back to.</summary>
    [Id(8)] public int? PreviousProfileVersion { get; init; }

    /// <summary>For a scoped profile: the execution it belongs to.</summary>
    [Id(9)] public string? ExecutionId { get; init; }

    /// <summary>For a syscall fault: what to inject into triggered programs (see <c>inject_syscall_fault</c>).</summary>
    [Id(10)] public Domain.Network.SyscallFault? Fault { get; init; }

    /// <summary>For a syscall fault: only programs of this application (null: every triggered program).</summary>
    [Id(11)] public string? App { get; init; }

    /// <summary>For shaping: the side whose delay/jitter the undo removes (the host's taps, or inside the guest); null until the host answered.</summary>
    [Id(12)] public Domain.Network.ShapingSide? ShapingSide { get; init; }
}
